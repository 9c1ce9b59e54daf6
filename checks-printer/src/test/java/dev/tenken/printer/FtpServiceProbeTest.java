package dev.tenken.printer;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FtpServiceProbeTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "220 JD FTP Server Ready\r\n",
        "220 (vsFTPd 3.0.3)\r\n",
        "220-Welcome\r\n220 Ricoh FTP server ready\r\n",
        "220 ProFTPD Server (Debian) [::ffff:127.0.0.1]\r\n"
      })
  void recognisesFtpGreetings(String banner) {
    assertThat(FtpServiceProbe.INSTANCE.recognises(banner.getBytes(ISO_8859_1))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "220 mail.example.com ESMTP Postfix (Debian/GNU)\r\n",
        "220 smtp.example.com Microsoft ESMTP MAIL Service ready\r\n",
        "SSH-2.0-OpenSSH_9.2\r\n",
        "421 Too many connections\r\n",
        "220 no line end",
        "2201 x\r\n",
        ""
      })
  void rejectsOthers(String banner) {
    assertThat(FtpServiceProbe.INSTANCE.recognises(banner.getBytes(ISO_8859_1))).isFalse();
  }
}
