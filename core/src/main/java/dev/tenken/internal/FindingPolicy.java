package dev.tenken.internal;

import dev.tenken.AddressClass;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckTexts;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Finding;

/**
 * What the runner, not the check, does to every finding before anyone sees it, so no check can
 * forget it: mask secrets, downgrade findings that rest on a path's answer when the port answers
 * any path, and raise exposure-related findings one step on public addresses.
 */
final class FindingPolicy {
  private FindingPolicy() {}

  static Finding apply(
      Finding raw,
      CheckDescriptor check,
      AddressClass addressClass,
      boolean catchAllPort,
      Redactor redactor) {
    // Most findings hold nothing to mask: then the copy (and its SHA-256 fingerprint) is skipped.
    Finding f = needsRedaction(raw, redactor) ? raw.redacted(redactor::redact) : raw;
    if (catchAllPort && check.tags().contains(CheckDescriptor.TAG_MARKER_BASED)) {
      f =
          f.toBuilder()
              .confidence(Confidence.TENTATIVE)
              .evidence(
                  "catch-all",
                  "this port answers success to random paths or routes;"
                      + " the finding rests on an answer any path gets")
              .build();
    }
    if (addressClass.isPublic() && madeWorseByExposure(f.countermeasure())) {
      f = f.raisedForPublicAddressCopy();
    }
    return f;
  }

  /**
   * {@code f} in the language of {@code texts}, as {@link dev.tenken.CheckRunner.Builder#locale}
   * documents: texts that are the check's English (its descriptor's) are replaced by their
   * translation; a specific English title is replaced by the check's translated title and kept as
   * evidence, unless the check wrote the description too (then the finding is not the one the
   * check's texts describe and stays English). English findings are returned as they are.
   */
  static Finding localize(Finding f, CheckDescriptor check, CheckTexts texts) {
    if (CheckTexts.isEnglish(texts.locale())) {
      return f;
    }
    boolean checksOwnFinding = f.description().equals(check.description());
    Finding.Builder b = f.toBuilder();
    if (checksOwnFinding) {
      b.description(texts.description());
      if (!texts.missing().contains(CheckTexts.Text.TITLE)) {
        b.title(texts.title());
        if (!f.title().equals(check.title())) {
          b.evidence(CheckTexts.DETAIL_EVIDENCE, f.title());
        }
      }
    }
    if (f.remediation().equals(check.remediation())) {
      b.remediation(texts.remediation());
    }
    return b.build();
  }

  /** Whether redacting would change any text of {@code f} (the texts {@link Finding#redacted}). */
  private static boolean needsRedaction(Finding f, Redactor redactor) {
    if (changes(f.title(), redactor)
        || changes(f.description(), redactor)
        || changes(f.remediation(), redactor)
        || changes(f.key(), redactor)) {
      return true;
    }
    for (String v : f.evidence().values()) {
      if (changes(v, redactor)) {
        return true;
      }
    }
    return false;
  }

  private static boolean changes(String text, Redactor redactor) {
    return !redactor.redact(text).equals(text);
  }

  /**
   * Open authentication and needless exposure are worse when anyone on the Internet can reach them.
   */
  static boolean madeWorseByExposure(Countermeasure countermeasure) {
    return countermeasure == Countermeasure.AUTHENTICATION
        || countermeasure == Countermeasure.NETWORK_EXPOSURE;
  }
}
