package dev.tenken.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.Target;
import dev.tenken.spi.LoginBudget;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Connector#counted}: which connect failures count towards giving a host up. A timeout the
 * check's own deadline cut short must not make a live but slow host UNREACHABLE.
 */
class ConnectorCountingTest {
  private static final Duration LIMIT = Duration.ofSeconds(1);
  private static final InetSocketAddress TO =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 554);

  private static HostState host() {
    return new HostState(
        Target.parse("127.0.0.1"),
        InetAddress.getLoopbackAddress(),
        Instant.now().plusSeconds(60),
        2,
        a -> LoginBudget.inMemory(2),
        new Redactor(List.of()));
  }

  @Test
  void timeoutsGivenTheFullConnectTimeoutGiveTheHostUpAfterTwo() {
    HostState host = host();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(
              () -> Connector.counted(host, TO, 1000, LIMIT, fails(new SocketTimeoutException())))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessage("connect to 127.0.0.1:554 timed out after 1000 ms");
    }
    assertThat(host.isGivenUp()).isTrue();
  }

  @Test
  void aTimeoutCutShortByTheDeadlineDoesNotCountAndSaysSo() {
    HostState host = host();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(
              () -> Connector.counted(host, TO, 3, LIMIT, fails(new SocketTimeoutException())))
          .hasMessage(
              "connect to 127.0.0.1:554 timed out after 3 ms, all that was left of the check's"
                  + " deadline");
    }
    assertThat(host.connectFailures()).isZero();
    assertThat(host.isGivenUp()).isFalse();
  }

  @Test
  void aHostThatRefusedOnceIsThereHoweverManyTimeoutsFollow() {
    HostState host = host();
    assertThatThrownBy(
            () ->
                Connector.counted(
                    host, TO, 1000, LIMIT, fails(new ConnectException("Connection refused"))))
        .isInstanceOf(ConnectException.class);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(
              () -> Connector.counted(host, TO, 1000, LIMIT, fails(new SocketTimeoutException())))
          .isInstanceOf(SocketTimeoutException.class);
    }
    assertThat(host.isGivenUp()).isFalse();
  }

  private static Connector.IoAction fails(java.io.IOException e) {
    return () -> {
      throw e;
    };
  }
}
