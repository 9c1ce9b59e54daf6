package dev.tenken.camera;

import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.camera.PanelVendor.LoginPage;
import dev.tenken.http.AuthChallenge;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CredentialAttempts;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP Basic or Digest login on a camera's login page, answered with {@link AuthChallenge}: the
 * request carries {@code Authorization} for the latest challenge the page sent (a Digest nonce is
 * taken from the last 401), and the login counts as accepted only when the page then answers 200
 * with every post-login marker. Basic and Digest keep no session, so there is nothing to log out
 * of. Not thread-safe: one instance per login sequence.
 */
final class HttpLogin {
  private final Endpoint endpoint;
  private final PanelHttp http;
  private final LoginPage page;
  private AuthChallenge challenge;
  private int lastStatus;

  HttpLogin(Endpoint endpoint, PanelHttp http, LoginPage page, AuthChallenge challenge) {
    this.endpoint = endpoint;
    this.http = http;
    this.page = page;
    this.challenge = challenge;
  }

  /**
   * The challenge of a 401 to answer: Digest preferred over Basic, only supported ones.
   *
   * @return empty when the reply carries none that {@link AuthChallenge#authorization} can answer
   */
  static Optional<AuthChallenge> challenge(HttpReply reply) {
    List<AuthChallenge> all = AuthChallenge.parse(reply.headers("WWW-Authenticate"));
    Optional<AuthChallenge> digest =
        all.stream().filter(c -> c.isDigest() && c.isSupported()).findFirst();
    return digest.isPresent() ? digest : all.stream().filter(AuthChallenge::isBasic).findFirst();
  }

  /** Every challenge of {@code reply}, described for evidence (never a nonce). */
  static String describe(HttpReply reply) {
    List<AuthChallenge> all = AuthChallenge.parse(reply.headers("WWW-Authenticate"));
    String challenges =
        all.isEmpty()
            ? "no challenge"
            : String.join(", ", all.stream().map(AuthChallenge::describe).toList());
    return "HTTP " + reply.status() + " " + challenges;
  }

  /** The scheme in use, as {@code Digest realm="..."}. */
  String scheme() {
    return challenge.describe();
  }

  /** The status of the last login answer (0 before any). */
  int lastStatus() {
    return lastStatus;
  }

  /** One attempt with {@code credentials}; see the class comment. */
  CredentialAttempts.Verdict attempt(Credentials credentials) throws IOException {
    String authorization = challenge.authorization(credentials, "GET", page.path());
    HttpReply reply = http.getWith(endpoint, page.path(), authorization);
    lastStatus = reply.status();
    if (reply.status() == 200 && page.shownIn(reply.bodyText())) {
      return CredentialAttempts.Verdict.ACCEPTED;
    }
    if (reply.status() == 401) {
      // A fresh nonce for the next attempt; keep the old challenge when none can be answered.
      challenge(reply).ifPresent(c -> challenge = c);
    }
    return CredentialAttempts.Verdict.REJECTED;
  }
}
