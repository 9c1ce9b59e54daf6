package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.Version;
import dev.tenken.VulnerabilityMatch.Verdict;
import dev.tenken.http.HttpRequest;
import dev.tenken.spi.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The allow-list, the data constants, the bounded JSON reader, EPMD parsing and the catalogs. */
class SearchUnitTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/_users/org.couchdb.user:attacker",
        "/customers/_search",
        "/customers/_doc/1",
        "/_config",
        "/_node/_local/_config",
        "/_cat/indices",
        "/_snapshot",
        "/_all_docs",
        "/_cluster/settings"
      })
  void theClientRefusesEverythingOffTheAllowList(String path) {
    assertThatThrownBy(() -> SearchHttp.request(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allow-list");
  }

  @Test
  void everyAllowedRequestIsAPlainGet() {
    for (String path : SearchHttp.ALLOWED) {
      HttpRequest r = SearchHttp.request(path);
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.hasBody()).isFalse();
      assertThat(r.purpose()).isEqualTo(HttpRequest.Purpose.READ);
      assertThat(r.maxRedirects()).isZero();
    }
    assertThat(SearchHttp.ALLOWED).hasSize(6);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "read_me",
        "README",
        "warning",
        "how_to_recover",
        "restore_data",
        "recovery",
        "x7bq2m0zd1-meow",
        "readme_to_recover_your_data",
        ".read_me"
      })
  void ransomNoteNamesAreRecognised(String name) {
    assertThat(SearchRansomNotes.isRansomNote(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"customers", "warnings-2024", "logs-recovery-service-x", ".kibana_7.17.18_001"})
  void ordinaryNamesAreNot(String name) {
    assertThat(SearchRansomNotes.isRansomNote(name)).as(name).isFalse();
  }

  @Test
  void epmdNamesReplyIsParsed() {
    byte[] reply =
        CouchDbChecksTest.namesReply("name couchdb at port 9100\nname other at port 37171\n");
    assertThat(CouchDbEpmd.parse(reply))
        .hasValueSatisfying(
            nodes ->
                assertThat(nodes)
                    .containsExactly(
                        new CouchDbEpmd.Node("couchdb", 9100),
                        new CouchDbEpmd.Node("other", 37171)));
    assertThat(CouchDbEpmd.parse(new byte[] {0, 0, 0x11, 0x11})).hasValue(List.of());
  }

  @Test
  void anythingElseIsNotEpmd() {
    assertThat(CouchDbEpmd.parse("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isEmpty();
    assertThat(CouchDbEpmd.parse(new byte[] {0, 1})).isEmpty();
    assertThat(CouchDbEpmd.parse(CouchDbChecksTest.namesReply("HTTP/1.1 400 Bad Request\r\n")))
        .isEmpty();
  }

  @Test
  void jsonLimitsHold() {
    byte[] deep = ("[".repeat(100) + "]".repeat(100)).getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> SearchJson.parse(deep, "t"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("malformed JSON");
    byte[] longString =
        ("\"" + "x".repeat(SearchJson.MAX_STRING + 1) + "\"").getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> SearchJson.parse(longString, "t"))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> SearchJson.parse("{} {}".getBytes(StandardCharsets.US_ASCII), "t"))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> SearchJson.parse(new byte[0], "t"))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void shownTextIsBoundedAndPrintable() {
    assertThat(SearchJson.shown("a\u0000b\nc")).isEqualTo("a?b?c");
    assertThat(SearchJson.shown("y".repeat(1000)))
        .hasSize(SearchJson.MAX_SHOWN + 1)
        .endsWith("\u2026");
    assertThat(SearchJson.list(List.of("a", "b", "c"), 2)).isEqualTo("a, b (+1 more)");
  }

  @ParameterizedTest
  @CsvSource({
    "6.8.23, 6, 2022-02-10, true",
    "7.10.2, 7.10, 2022-05-11, true",
    "7.9.3, 7, 2026-01-15, true",
    "7.17.29, 7.17, 2026-01-15, true",
    "8.5.3, 8, 2026-04-27, true",
    "8.18.8, 8.18, 2025-10-21, true",
    "8.19.7, 8.19, 2027-07-15, false",
    "9.1.10, 9.1, 2026-04-27, true"
  })
  void elasticEndOfLifeLines(String version, String branch, String date, boolean past) {
    var eol =
        ElasticVersionEol.CATALOG.endOfLife(
            "elasticsearch", Version.of(version), LocalDate.parse("2026-11-27"));
    assertThat(eol).isPresent();
    assertThat(eol.get().branch()).isEqualTo(branch);
    assertThat(eol.get().date()).isEqualTo(LocalDate.parse(date));
    assertThat(eol.get().past()).isEqualTo(past);
  }

  @Test
  void unlistedBranchesAndOpenSearchHaveNoEndOfLife() {
    LocalDate day = LocalDate.parse("2026-11-27");
    assertThat(ElasticVersionEol.CATALOG.endOfLife("elasticsearch", Version.of("9.4.2"), day))
        .isEmpty();
    assertThat(ElasticVersionEol.CATALOG.endOfLife("opensearch", Version.of("1.3.20"), day))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "1.6.1, AFFECTED, AFFECTED",
    "1.7.0, NOT_AFFECTED, AFFECTED",
    "2.0.0, AFFECTED, AFFECTED",
    "2.1.0, AFFECTED, AFFECTED",
    "2.1.1, NOT_AFFECTED, AFFECTED",
    "3.2.1, NOT_AFFECTED, AFFECTED",
    "3.2.2, NOT_AFFECTED, NOT_AFFECTED",
    "3.3.3, NOT_AFFECTED, NOT_AFFECTED",
    "3.5.0, NOT_AFFECTED, NOT_AFFECTED"
  })
  void couchDbCatalogVerdicts(String version, Verdict cve2017, Verdict cve2022) {
    var matches = CouchDbCve201712635.CATALOG.assess("couchdb", Version.of(version));
    assertThat(matches)
        .filteredOn(m -> m.vulnerability().id().equals("CVE-2017-12635"))
        .singleElement()
        .satisfies(m -> assertThat(m.verdict()).isEqualTo(cve2017));
    assertThat(matches)
        .filteredOn(m -> m.vulnerability().id().equals("CVE-2022-24706"))
        .singleElement()
        .satisfies(m -> assertThat(m.verdict()).isEqualTo(cve2022));
  }

  @Test
  void cpeNames() {
    assertThat(SearchRoot.cpe("couchdb", "3.3.3"))
        .isEqualTo("cpe:2.3:a:apache:couchdb:3.3.3:*:*:*:*:*:*:*");
    assertThat(SearchRoot.cpe("elasticsearch", "8.19.7"))
        .isEqualTo("cpe:2.3:a:elastic:elasticsearch:8.19.7:*:*:*:*:*:*:*");
  }
}
