package io.drillbook.evidence;

/**
 * What {@link EvidenceChain} needs of an event: its place in the chain and the means to recompute its hash.
 * Both a stored row and an event read back from a bundle's JSON are links.
 */
public interface ChainLink {

  String tenant();

  String drillId();

  long seq();

  String type();

  String prevHash();

  String hash();

  /** The hash the event's content gives now; differs from {@link #hash()} if the content was changed. */
  String computeHash();
}
