package io.drillbook.drill;

/** The stored event's seq and hash (the new chain head). */
public record EvidenceReceipt(long seq, String hash) {}
