package dev.tenken.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckRunner;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.report.Report;
import dev.tenken.spi.LoginBudget;
import dev.tenken.spi.Outcome;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link CheckRunner.Builder#loginBudgets}: where a scan's login budgets come from. */
class LoginBudgetsTest {

  private static final LoginBudget SPENT =
      new LoginBudget() {
        @Override
        public boolean tryAcquire() {
          return false;
        }

        @Override
        public void succeeded() {}

        @Override
        public int remaining() {
          return 0;
        }
      };

  private static CheckRunner.Builder runner() {
    return CheckRunner.builder()
        .scope(Scope.of("127.0.0.0/8"))
        .connectionsPerSecond(0)
        .enable(Safety.CREDENTIAL_ATTEMPT)
        .check(
            Fixtures.check(
                "test.t.login",
                "test",
                Safety.CREDENTIAL_ATTEMPT,
                (e, c) ->
                    c.loginBudget().tryAcquire()
                        ? Outcome.pass("tried")
                        : Outcome.skip("budget spent")));
  }

  @Test
  void aCustomSourceIsAskedOncePerAddressAndItsBudgetIsUsed() throws Exception {
    List<InetAddress> asked = new CopyOnWriteArrayList<>();
    Report report =
        runner()
            .loginBudgets(
                a -> {
                  asked.add(a);
                  return SPENT;
                })
            .build()
            .scan("test://127.0.0.1:6379", "test://127.0.0.1:6380", "test://127.0.0.2:6379");

    assertThat(asked)
        .extracting(InetAddress::getHostAddress)
        .containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");
    assertThat(report.results()).allSatisfy(r -> assertThat(r.detail()).isEqualTo("budget spent"));
  }

  @Test
  void withoutOneEachAddressGetsAnInMemoryBudget() throws Exception {
    Report report = runner().build().scan("test://127.0.0.1:6379");

    assertThat(report.results()).allSatisfy(r -> assertThat(r.detail()).isEqualTo("tried"));
  }

  @Test
  void aScanWithoutCredentialChecksNeverAsks() throws Exception {
    List<InetAddress> asked = new CopyOnWriteArrayList<>();
    CheckRunner.builder()
        .scope(Scope.of("127.0.0.0/8"))
        .connectionsPerSecond(0)
        .check(Fixtures.check("test.t.passive", (e, c) -> Outcome.pass("ok")))
        .loginBudgets(
            a -> {
              asked.add(a);
              return SPENT;
            })
        .build()
        .scan("test://127.0.0.1:6379");

    assertThat(asked).isEmpty();
  }
}
