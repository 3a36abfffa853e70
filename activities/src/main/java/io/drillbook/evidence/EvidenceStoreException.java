package io.drillbook.evidence;

import java.sql.SQLException;

/** The database failed (unreachable, full, schema out of date): worth retrying once it is back. */
public final class EvidenceStoreException extends RuntimeException {

  EvidenceStoreException(String message, SQLException cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
