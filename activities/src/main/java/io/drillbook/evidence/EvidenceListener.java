package io.drillbook.evidence;

import io.drillbook.drill.EvidenceAppend;

/**
 * Told of each event once the store has written it: never of a retry or replay of an event already stored,
 * so a listener may count. Called on the activity's thread; it must be quick and must not throw, since the
 * event is already stored and the append succeeds whatever the listener does.
 */
@FunctionalInterface
public interface EvidenceListener {
  void recorded(EvidenceAppend event);
}
