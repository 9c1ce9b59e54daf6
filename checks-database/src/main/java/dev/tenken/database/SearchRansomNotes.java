package dev.tenken.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Index and database names that extortion and wiper campaigns leave behind on open Elasticsearch,
 * OpenSearch and CouchDB servers: after deleting the data they create an index (or database)
 * holding the ransom note. Names seen in public reporting of the 2017 ransom waves against open
 * Elasticsearch, MongoDB and CouchDB servers (notes in indices such as {@code warning}, {@code
 * read_me}, {@code please_read_me}, {@code how_to_recover}) and of the 2020 "Meow" wiper, which
 * replaced indices with names ending in {@code -meow}. Data only; matching is case-insensitive.
 * Stateless.
 */
final class SearchRansomNotes {
  /** Whole names that are ransom notes. */
  static final Set<String> EXACT =
      Set.of(
          "warning",
          "read_me",
          "readme",
          "read-me",
          "please_read",
          "please_read_me",
          "please_read_me_xmr",
          "how_to_recover",
          "how_to_restore",
          "restore_data",
          "recovery",
          "recover_your_data",
          "meow");

  /** Fragments that mark a ransom note wherever they appear in a name. */
  static final List<String> FRAGMENTS =
      List.of(
          "meow",
          "read_me",
          "readme_to",
          "how_to_recover",
          "how-to-recover",
          "to_recover_your",
          "restore_your_data",
          "restore_data",
          "ransom",
          "send_bitcoin",
          "pay_btc");

  private SearchRansomNotes() {}

  /** Whether {@code name} looks like a ransom note. */
  static boolean isRansomNote(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    while (n.startsWith(".")) {
      n = n.substring(1);
    }
    if (EXACT.contains(n)) {
      return true;
    }
    for (String f : FRAGMENTS) {
      if (n.contains(f)) {
        return true;
      }
    }
    return false;
  }

  /** The names of {@code names} that look like ransom notes, in order. */
  static List<String> matches(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (isRansomNote(n)) {
        out.add(n);
      }
    }
    return out;
  }
}
