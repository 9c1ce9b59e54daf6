package dev.tenken.http.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.SocketFactory;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Builds the Apache HttpClient 5 (classic) behind an {@code HttpProbe}, configured so that it
 * cannot step outside a check's rules:
 *
 * <ul>
 *   <li>every socket comes from the check's socket factory (scope, print-port guard, rate limit,
 *       host failure accounting, closed by the runner at the deadline), never through a proxy;
 *   <li>it never resolves a name: routes carry the endpoint's pinned address, and its DNS resolver
 *       refuses every lookup;
 *   <li>no retries, no redirects, no cookies, no auth cache or authentication, no content
 *       decompression (and no {@code Accept-Encoding}), no protocol upgrade, no {@code Expect};
 *   <li>at most {@value #MAX_HEADER_COUNT} reply headers of at most {@value #MAX_LINE_LENGTH}
 *       characters per line;
 *   <li>connect timeout and socket timeouts re-read from the context on each connection, so they
 *       shrink with what is left of the deadline.
 * </ul>
 */
public final class Clients {
  /** Most headers accepted in one reply. */
  public static final int MAX_HEADER_COUNT = 100;

  /** Longest status or header line accepted, in characters. */
  public static final int MAX_LINE_LENGTH = 8192;

  private Clients() {}

  /**
   * A client whose sockets come from {@code sockets}.
   *
   * @param connectTimeout the connect timeout to use now
   * @param remaining the time left until the deadline
   */
  public static CloseableHttpClient create(
      SocketFactory sockets,
      String userAgent,
      Supplier<Duration> connectTimeout,
      Supplier<Duration> remaining) {
    DetachedSocketFactory detached =
        new DetachedSocketFactory() {
          @Override
          public Socket create(@Nullable Proxy proxy) throws IOException {
            if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
              throw new IOException("Tenken's HTTP probe never connects through a proxy");
            }
            return sockets.createSocket();
          }
        };
    DnsResolver noDns =
        new DnsResolver() {
          @Override
          public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException(
                host
                    + ": Tenken's HTTP probe never resolves names; it connects to the endpoint's"
                    + " pinned address");
          }

          @Override
          public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return resolve(host)[0].getHostName();
          }
        };
    DefaultHttpClientConnectionOperator operator =
        new DefaultHttpClientConnectionOperator(
            detached,
            DefaultSchemePortResolver.INSTANCE,
            noDns,
            RegistryBuilder.<TlsSocketStrategy>create()
                .register("https", TrustAllTls.INSTANCE)
                .build());
    ManagedHttpClientConnectionFactory connections =
        ManagedHttpClientConnectionFactory.builder()
            .http1Config(
                Http1Config.custom()
                    .setMaxHeaderCount(MAX_HEADER_COUNT)
                    .setMaxLineLength(MAX_LINE_LENGTH)
                    .setMaxEmptyLineCount(8)
                    .build())
            .build();
    PoolingHttpClientConnectionManager manager =
        new PoolingHttpClientConnectionManager(
            operator,
            PoolConcurrencyPolicy.STRICT,
            PoolReusePolicy.LIFO,
            TimeValue.NEG_ONE_MILLISECOND,
            connections);
    manager.setMaxTotal(4);
    manager.setDefaultMaxPerRoute(2);
    manager.setSocketConfigResolver(
        route ->
            SocketConfig.custom()
                .setSoTimeout(timeout(remaining.get()))
                .setTcpNoDelay(true)
                .build());
    manager.setConnectionConfigResolver(
        route ->
            ConnectionConfig.custom()
                .setConnectTimeout(timeout(connectTimeout.get()))
                .setSocketTimeout(timeout(remaining.get()))
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .build());
    manager.setTlsConfigResolver(
        host ->
            TlsConfig.custom()
                .setHandshakeTimeout(timeout(remaining.get()))
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .build());
    return HttpClients.custom()
        .setConnectionManager(manager)
        .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE))
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .disableConnectionState()
        .setUserAgent(userAgent)
        .setDefaultRequestConfig(requestConfig(connectTimeout.get(), remaining.get()))
        .build();
  }

  /** The per-request configuration: timeouts from the context, every automatism off. */
  public static RequestConfig requestConfig(Duration connectTimeout, Duration remaining) {
    Duration lease = connectTimeout.compareTo(remaining) < 0 ? connectTimeout : remaining;
    return RequestConfig.custom()
        .setConnectionRequestTimeout(timeout(lease))
        .setResponseTimeout(timeout(remaining))
        .setRedirectsEnabled(false)
        .setAuthenticationEnabled(false)
        .setContentCompressionEnabled(false)
        .setProtocolUpgradeEnabled(false)
        .setExpectContinueEnabled(false)
        .setHardCancellationEnabled(true)
        .build();
  }

  /** A positive timeout: HttpClient reads zero as "wait forever". */
  public static Timeout timeout(Duration d) {
    return Timeout.ofMilliseconds(Math.max(1, Math.min(d.toMillis(), Integer.MAX_VALUE)));
  }
}
