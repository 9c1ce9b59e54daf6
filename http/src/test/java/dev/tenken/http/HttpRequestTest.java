package dev.tenken.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What HttpRequest lets a check build, and what it refuses before anything is sent. */
class HttpRequestTest {
  private static final byte[] FORM =
      "user=admin&password=s3cret".getBytes(StandardCharsets.US_ASCII);

  @Test
  void onlyReadMethodsAndPurposefulPostsAreAllowed() {
    assertThat(HttpRequest.get("/").method()).isEqualTo("GET");
    assertThat(HttpRequest.head("/x").method()).isEqualTo("HEAD");
    assertThat(HttpRequest.options("*").path()).isEqualTo("*");
    assertThat(HttpRequest.builder("get", "/").build().method()).isEqualTo("GET");
    assertThat(HttpRequest.query("/ipp/print", "application/ipp", new byte[] {1}).purpose())
        .isEqualTo(HttpRequest.Purpose.QUERY);
    assertThat(HttpRequest.login("/login", "application/x-www-form-urlencoded", FORM).purpose())
        .isEqualTo(HttpRequest.Purpose.LOGIN);
    for (String method :
        new String[] {"PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "PROPFIND", "put", ""}) {
      assertThatThrownBy(() -> HttpRequest.builder(method, "/").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not allowed");
    }
    assertThatThrownBy(() -> HttpRequest.builder("POST", "/").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("QUERY or a LOGIN");
    assertThatThrownBy(
            () -> HttpRequest.builder("POST", "/").purpose(HttpRequest.Purpose.QUERY).build())
        .hasMessageContaining("needs a body");
    assertThatThrownBy(
            () -> HttpRequest.builder("GET", "/").body("text/plain", new byte[1]).build())
        .hasMessageContaining("carry no body");
    assertThatThrownBy(
            () -> HttpRequest.builder("GET", "/").purpose(HttpRequest.Purpose.QUERY).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pathsMustBeOriginFormAndClean() {
    assertThat(HttpRequest.get("/a/b?c=d&e=%20").path()).isEqualTo("/a/b?c=d&e=%20");
    for (String bad :
        new String[] {"", "a", "http://x/", "/a b", "/a\r\nX: y", "/a#frag", "*", "/\u00e9"}) {
      assertThatThrownBy(() -> HttpRequest.get(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void headersTheProbeOwnsOrThatCarryCredentialsAreGuarded() {
    for (String owned :
        new String[] {
          "Host",
          "user-agent",
          "Content-Length",
          "Transfer-Encoding",
          "Connection",
          "Accept-Encoding",
          "Expect",
          "Upgrade",
          "Content-Type"
        }) {
      assertThatThrownBy(() -> HttpRequest.get("/").withHeader(owned, "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("set by the HTTP probe");
    }
    assertThatThrownBy(() -> HttpRequest.get("/").withHeader("X-A", "a\r\nInjected: 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpRequest.get("/").withHeader("Bad Name", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    for (String credential : new String[] {"Authorization", "cookie", "Proxy-Authorization"}) {
      assertThatThrownBy(() -> HttpRequest.get("/").withHeader(credential, "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("credentials");
    }
    HttpRequest login =
        HttpRequest.builder("GET", "/")
            .purpose(HttpRequest.Purpose.LOGIN)
            .header("Authorization", "Basic YWRtaW46YWRtaW4=")
            .build();
    assertThat(login.headers().get("authorization")).containsExactly("Basic YWRtaW46YWRtaW4=");
  }

  @Test
  void redirectsAreCappedAtThreeAndOffByDefault() {
    assertThat(HttpRequest.get("/").maxRedirects()).isZero();
    assertThat(HttpRequest.get("/").followRedirects(3).maxRedirects()).isEqualTo(3);
    assertThatThrownBy(() -> HttpRequest.get("/").followRedirects(4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpRequest.get("/").followRedirects(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(HttpRequest.get("/").tls()).isEmpty();
    assertThat(HttpRequest.get("/").withTls(true).tls()).contains(true);
  }

  @Test
  void toStringShowsNeitherBodyNorCredentials() {
    HttpRequest login =
        HttpRequest.login("/login", "application/x-www-form-urlencoded", FORM)
            .withHeader("Cookie", "session=abcdef");
    assertThat(login.toString())
        .contains("POST /login")
        .contains("login")
        .contains(FORM.length + "-byte body")
        .contains("Cookie")
        .doesNotContain("s3cret")
        .doesNotContain("abcdef");
  }

  @Test
  void theBodyIsCopiedInAndOut() {
    byte[] body = {1, 2, 3};
    HttpRequest q = HttpRequest.query("/q", "application/octet-stream", body);
    body[0] = 9;
    assertThat(q.body()).containsExactly(1, 2, 3);
    q.body()[1] = 9;
    assertThat(q.body()).containsExactly(1, 2, 3);
  }
}
