package io.drillbook.provider;

/**
 * Heartbeat details of a provider action: the phase it is in and how far it got. Temporal shows the last one
 * while the activity runs and hands it to the next attempt after a worker restart.
 *
 * @param items files or tables finished, of {@code itemsTotal} (0 when not counted)
 */
public record Progress(String phase, long bytes, int items, int itemsTotal, long elapsedMillis) {
}
