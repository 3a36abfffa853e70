package io.drillbook.drill;

import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An evidence store in memory with the real store's contract: idempotent by seq (a repeat of a stored event
 * returns its receipt; another type or step at a taken seq is an {@code EvidenceConflict}), and each event chained
 * to seq-1. A seq that is not the next one is recorded as a violation, so a test can assert there is none.
 * {@link #failOnceAfterStoring()} makes every first attempt store the event and then throw, like a database
 * commit whose answer is lost, to check that retries never duplicate an event; {@link #refuseAt} simulates a
 * forked chain.
 */
public final class InMemoryEvidence implements EvidenceActivities {

  private final List<EvidenceAppend> events = new ArrayList<>();
  private final List<String> hashes = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final List<String> anchors = new ArrayList<>();
  private final AtomicInteger appendCalls = new AtomicInteger();
  private volatile boolean failOnceAfterStoring;
  private volatile long refuseSeq;
  private final List<Long> failedOnce = new ArrayList<>();

  public InMemoryEvidence failOnceAfterStoring() {
    this.failOnceAfterStoring = true;
    return this;
  }

  /** Answers the append of {@code seq} with an {@code EvidenceConflict}, as if another writer held it. */
  public InMemoryEvidence refuseAt(long seq) {
    this.refuseSeq = seq;
    return this;
  }

  @Override
  public synchronized EvidenceReceipt append(EvidenceAppend event) {
    appendCalls.incrementAndGet();
    long seq = event.seq();
    if (seq == refuseSeq) {
      throw ApplicationFailure.newNonRetryableFailure("seq " + seq + " holds another event", CONFLICT);
    }
    if (seq >= 1 && seq <= events.size()) {
      if (!sameEvent(events.get((int) seq - 1), event)) {
        throw ApplicationFailure.newNonRetryableFailure("seq " + seq + " holds another event", CONFLICT);
      }
      return new EvidenceReceipt(seq, hashes.get((int) seq - 1));
    }
    if (seq != events.size() + 1) {
      violations.add("seq " + seq + " appended after " + events.size());
      throw ApplicationFailure.newNonRetryableFailure("seq " + seq + " does not follow " + events.size(), "EvidenceGap");
    }
    String prev = hashes.isEmpty() ? "" : hashes.get(hashes.size() - 1);
    events.add(event);
    hashes.add(sha256(prev + "|" + seq + "|" + event.type() + "|" + event.stepId()));
    if (failOnceAfterStoring && !failedOnce.contains(seq)) {
      failedOnce.add(seq);
      throw new IllegalStateException("connection lost after commit");
    }
    return new EvidenceReceipt(seq, hashes.get(hashes.size() - 1));
  }

  @Override
  public synchronized EvidenceReceipt anchor(String tenant, String drillId) {
    anchors.add(tenant + "/" + drillId);
    return new EvidenceReceipt(events.size(), hashes.isEmpty() ? null : hashes.get(hashes.size() - 1));
  }

  public synchronized List<EvidenceAppend> events() {
    return List.copyOf(events);
  }

  public synchronized List<String> types() {
    return events.stream().map(EvidenceAppend::type).toList();
  }

  /** The types of the events of one step, in order. */
  public synchronized List<String> typesOf(String stepId) {
    return events.stream().filter(e -> Objects.equals(e.stepId(), stepId)).map(EvidenceAppend::type).toList();
  }

  /** The first event of {@code type} (for {@code stepId}, or drill-level when null); fails when there is none. */
  public synchronized EvidenceAppend first(String type, String stepId) {
    return events.stream()
        .filter(e -> e.type().equals(type) && Objects.equals(e.stepId(), stepId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " for " + stepId + " in " + types()));
  }

  public synchronized int indexOf(String type, String stepId) {
    return events.indexOf(first(type, stepId));
  }

  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  public synchronized List<String> anchors() {
    return List.copyOf(anchors);
  }

  public synchronized String lastHash() {
    return hashes.isEmpty() ? null : hashes.get(hashes.size() - 1);
  }

  public int appendCalls() {
    return appendCalls.get();
  }

  /** What identifies a repeat; time and payload may differ when a workflow task ran again (see the contract). */
  private static boolean sameEvent(EvidenceAppend stored, EvidenceAppend repeat) {
    return stored.tenant().equals(repeat.tenant()) && stored.drillId().equals(repeat.drillId())
        && stored.type().equals(repeat.type()) && Objects.equals(stored.stepId(), repeat.stepId());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
