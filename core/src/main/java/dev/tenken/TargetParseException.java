package dev.tenken;

/**
 * A target text that Tenken cannot read. The message is one line that names the bad part and how to
 * write it instead, fit to show a user as it is.
 */
public final class TargetParseException extends IllegalArgumentException {
  private final String input;
  private final String badPart;

  TargetParseException(String input, String badPart, String problem) {
    super("bad target '" + input + "': " + problem);
    this.input = input;
    this.badPart = badPart;
  }

  /**
   * The whole text that was given; a password in it (a target such as {@code redis://user:pw@host})
   * is masked as {@value Secret#MASK}.
   */
  public String input() {
    return input;
  }

  /** The part of the input that is wrong. */
  public String badPart() {
    return badPart;
  }
}
