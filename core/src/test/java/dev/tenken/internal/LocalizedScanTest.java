package dev.tenken.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckRunner;
import dev.tenken.CheckTexts;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Scope;
import dev.tenken.report.Report;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Fixture bundle: {@code dev/tenken/internal/checks_ja.properties}. */
class LocalizedScanTest {
  private static final String SPECIFIC = "Acme camera accepts the factory default login 'admin'";

  private static Check check(String id, BiFunction<Endpoint, CheckContext, Outcome> body) {
    CheckDescriptor d =
        CheckDescriptor.builder(id, "Camera accepts a default login")
            .description("The panel accepts a factory default login.")
            .remediation("Change the password.")
            .services("test")
            .build();
    return new Check() {
      @Override
      public CheckDescriptor descriptor() {
        return d;
      }

      @Override
      public Outcome run(Endpoint endpoint, CheckContext context) {
        return body.apply(endpoint, context);
      }
    };
  }

  /** Three checks: translated, translated but for the remediation, not translated at all. */
  private static Report scan(Locale locale) throws InterruptedException {
    CheckRunner.Builder b =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.0/8"))
            .connectionsPerSecond(0)
            .check(
                check(
                    "i18n.t.plain",
                    (e, c) -> Outcome.fail(c.finding(e).evidence("user", "admin").build())))
            .check(
                check(
                    "i18n.t.specific",
                    (e, c) ->
                        Outcome.fail(
                            List.of(
                                c.finding(e).title(SPECIFIC).key("login").build(),
                                c.finding(e)
                                    .title("Indicator of compromise: a ransom note")
                                    .description("Someone left a ransom note.")
                                    .key("ransom")
                                    .build()))))
            .check(check("i18n.t.untranslated", (e, c) -> Outcome.fail(c.finding(e).build())));
    if (locale != null) {
      b.locale(locale);
    }
    return b.build().scan("test://127.0.0.1:9");
  }

  private static Map<String, Finding> byKey(Report report) {
    return report.findings().collect(Collectors.toMap(f -> f.checkId() + "/" + f.key(), f -> f));
  }

  @Test
  void findingsOfAJapaneseScanCarryTheJapaneseTexts() throws Exception {
    Report report = scan(Locale.JAPANESE);
    Map<String, Finding> f = byKey(report);

    Finding plain = f.get("i18n.t.plain/");
    assertThat(plain.title()).isEqualTo("既定のパスワードで管理画面に入れる");
    assertThat(plain.description()).isEqualTo("工場出荷時のパスワードで誰でもログインできます。");
    assertThat(plain.remediation()).isEqualTo("パスワードを変更してください。");
    assertThat(plain.evidence()).containsExactly(Map.entry("user", "admin"));
    assertThat(report.locale()).isEqualTo(Locale.JAPANESE);
    assertThat(report.checks())
        .extracting(CheckDescriptor::title)
        .containsExactly(
            "既定のパスワードで管理画面に入れる", "カメラが既定のログインを受け付ける", "Camera accepts a default login");
  }

  @Test
  void aSpecificEnglishTitleMovesToEvidenceAndMissingTextsStayEnglish() throws Exception {
    Map<String, Finding> f = byKey(scan(Locale.JAPANESE));

    Finding login = f.get("i18n.t.specific/login");
    assertThat(login.title()).isEqualTo("カメラが既定のログインを受け付ける");
    assertThat(login.evidence()).containsEntry(CheckTexts.DETAIL_EVIDENCE, SPECIFIC);
    assertThat(login.description()).isEqualTo("既定の ID とパスワードでログインできました。");
    assertThat(login.remediation()).isEqualTo("Change the password.");

    Finding ransom = f.get("i18n.t.specific/ransom");
    assertThat(ransom.title()).isEqualTo("Indicator of compromise: a ransom note");
    assertThat(ransom.description()).isEqualTo("Someone left a ransom note.");
    assertThat(ransom.evidence()).doesNotContainKey(CheckTexts.DETAIL_EVIDENCE);

    Finding untranslated = f.get("i18n.t.untranslated/");
    assertThat(untranslated.title()).isEqualTo("Camera accepts a default login");
    assertThat(untranslated.description()).isEqualTo("The panel accepts a factory default login.");
  }

  @Test
  void englishIsTheDefaultAndTheChecksOwnWordsWhileFingerprintsIgnoreTheLanguage()
      throws Exception {
    Report byDefault = scan(null);
    Report english = scan(Locale.ENGLISH);
    Map<String, Finding> ja = byKey(scan(Locale.JAPANESE));

    assertThat(byDefault.locale()).isEqualTo(Locale.ENGLISH);
    assertThat(byKey(byDefault)).isEqualTo(byKey(english));
    Finding login = byKey(byDefault).get("i18n.t.specific/login");
    assertThat(login.title()).isEqualTo(SPECIFIC);
    assertThat(login.description()).isEqualTo("The panel accepts a factory default login.");
    assertThat(login.evidence()).isEmpty();
    assertThat(byDefault.checks())
        .extracting(CheckDescriptor::title)
        .containsOnly("Camera accepts a default login");
    byKey(byDefault)
        .forEach((k, f) -> assertThat(ja.get(k).fingerprint()).isEqualTo(f.fingerprint()));
  }
}
