package io.drillbook.portal;

import io.drillbook.auth.Principal;

/**
 * A signed-in browser.
 *
 * @param id the random value of the session cookie (only its SHA-256 is stored)
 * @param csrf the token every form of this session must send back
 */
record PortalSession(String id, String csrf, Principal principal) {

  @Override
  public String toString() {
    return "PortalSession[" + principal.name() + " (" + principal.credential() + ")]";
  }
}
