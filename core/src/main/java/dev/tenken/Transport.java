package dev.tenken;

/** The transport an {@link Endpoint} is reached over. */
public enum Transport {
  TCP,
  UDP
}
