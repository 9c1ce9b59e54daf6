package dev.tenken.junit;

import dev.tenken.Safety;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Configures the {@link TenkenScanner} that {@link TenkenExtension} hands to a test, and registers
 * the extension. On a test class it applies to every test in it (and in its {@code @Nested}
 * classes); on a test method it replaces the class's configuration for that method.
 *
 * <pre>{@code
 * @TenkenScan(checks = "database.redis")
 * class RedisIT {
 *   @Test
 *   void redisIsNotOpen(TenkenScanner tenken) throws InterruptedException {
 *     assertThat(tenken.scan("redis://127.0.0.1:6379")).hasNoFindingsAtLeast(Severity.HIGH);
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(TenkenExtension.class)
public @interface TenkenScan {

  /** The scope a runner gets unless told otherwise: loopback addresses only. */
  String LOOPBACK = "127.0.0.0/8";

  /**
   * The checks to run, as check ids or id prefixes ({@code "database.redis"} selects {@code
   * database.redis.no-auth} and every other {@code database.redis.*} check), chosen among the
   * checks every Tenken module on the test's class path registers (see {@link
   * dev.tenken.CheckSet#discover(ClassLoader)}). Default: all of them. A prefix that selects no
   * check fails the test, so a typo cannot silently scan nothing.
   */
  String[] checks() default {};

  /**
   * The allow-list, in {@link dev.tenken.Scope#of(String...)} syntax; anything outside it is
   * reported {@code OUT_OF_SCOPE} and sees no packet. Default: {@value #LOOPBACK} only.
   */
  String[] scope() default {LOOPBACK};

  /**
   * Safety classes to run besides {@code PASSIVE} and {@code READ_ONLY}, such as {@link
   * Safety#CREDENTIAL_ATTEMPT}. Default: none.
   */
  Safety[] enable() default {};
}
