package dev.tenken.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoginBudgetTest {
  @Test
  void attemptsRunOutAndASuccessGivesItsAttemptBack() {
    LoginBudget b = LoginBudget.inMemory(2);
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();
    assertThat(b.remaining()).isZero();
    b.succeeded();
    assertThat(b.remaining()).isEqualTo(1);
    assertThat(b.tryAcquire()).isTrue();
  }

  @Test
  void aZeroBudgetAllowsNothingAndANegativeOneIsRefused() {
    assertThat(LoginBudget.inMemory(0).tryAcquire()).isFalse();
    assertThatThrownBy(() -> LoginBudget.inMemory(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void concurrentTakersNeverGetMoreThanTheBudget() throws Exception {
    LoginBudget b = LoginBudget.inMemory(50);
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 1_000; i++) {
      pool.execute(
          () -> {
            if (b.tryAcquire()) {
              granted.incrementAndGet();
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(granted.get()).isEqualTo(50);
    assertThat(b.remaining()).isZero();
  }
}
