package io.hubspotbeam.sandbox;

import java.util.List;
import java.util.Set;

/**
 * Who may call: the one private-app token of the portal (until it is revoked) and the scopes it
 * was granted. Scope lists of an object are alternatives: any one of them grants access.
 */
final class AccessPolicy {
  private final String token;
  private final Set<String> grantedScopes;
  private volatile boolean revoked;

  AccessPolicy(String token, Set<String> grantedScopes) {
    this.token = token;
    this.grantedScopes = Set.copyOf(grantedScopes);
  }

  String token() {
    return token;
  }

  void revoke() {
    revoked = true;
  }

  void authenticate(String authorization) throws ApiException {
    if (revoked || authorization == null) {
      throw ApiException.unauthorized();
    }
    String value = authorization.trim();
    if (!value.regionMatches(true, 0, "Bearer ", 0, 7)
        || !value.substring(7).trim().equals(token)) {
      throw ApiException.unauthorized();
    }
  }

  void requireAny(List<String> alternatives) throws ApiException {
    for (String scope : alternatives) {
      if (grantedScopes.contains(scope)) {
        return;
      }
    }
    throw ApiException.missingScopes(alternatives);
  }
}
