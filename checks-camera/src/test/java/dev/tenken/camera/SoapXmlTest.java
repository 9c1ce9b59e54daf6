package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.spi.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The SOAP reader: faults in SOAP 1.2 and 1.1, any namespace prefix, and hostile XML (XXE, billion
 * laughs, truncation, size and depth bombs) refused with a reason.
 */
class SoapXmlTest {
  static final String S12 = "http://www.w3.org/2003/05/soap-envelope";
  static final String TDS = "http://www.onvif.org/ver10/device/wsdl";

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static SoapXml.Envelope envelope(String xml) throws ProtocolException {
    return SoapXml.envelope(b(xml)).orElseThrow();
  }

  @Test
  void readsAResponseWhateverThePrefixes() throws Exception {
    String[] variants = {
      "<env:Envelope xmlns:env='"
          + S12
          + "' xmlns:tds='"
          + TDS
          + "'><env:Body>"
          + "<tds:GetDeviceInformationResponse><tds:Model>M1</tds:Model>"
          + "</tds:GetDeviceInformationResponse></env:Body></env:Envelope>",
      "<Envelope xmlns='"
          + S12
          + "'><Body><GetDeviceInformationResponse xmlns='"
          + TDS
          + "'>"
          + "<Model>M1</Model></GetDeviceInformationResponse></Body></Envelope>",
      "<?xml version='1.0' encoding='UTF-8'?>\n<!-- gSOAP -->\n<SOAP-ENV:Envelope"
          + " xmlns:SOAP-ENV='"
          + S12
          + "' xmlns:ns1='"
          + TDS
          + "'>\n <SOAP-ENV:Header/>\n"
          + " <SOAP-ENV:Body>\n  <ns1:GetDeviceInformationResponse>\n   <ns1:Model>\n M1 \n"
          + "   </ns1:Model></ns1:GetDeviceInformationResponse></SOAP-ENV:Body>"
          + "</SOAP-ENV:Envelope>",
      "<s:Envelope xmlns:s='"
          + S12
          + "'><s:Body><x:GetDeviceInformationResponse"
          + " xmlns:x='"
          + TDS
          + "'><x:Model><![CDATA[M1]]></x:Model>"
          + "</x:GetDeviceInformationResponse></s:Body></s:Envelope>"
    };
    for (String v : variants) {
      SoapXml.Envelope e = envelope(v);
      assertThat(e.fault()).as(v).isNull();
      assertThat(e.content().name()).isEqualTo("GetDeviceInformationResponse");
      assertThat(e.content().namespace()).isEqualTo(TDS);
      assertThat(e.content().text("Model")).contains("M1");
    }
  }

  @Test
  void readsASoap12FaultWithItsOnvifSubcode() throws Exception {
    SoapXml.Envelope e =
        envelope(
            "<e:Envelope xmlns:e='"
                + S12
                + "' xmlns:ter='http://www.onvif.org/ver10/error'>"
                + "<e:Body><e:Fault><e:Code><e:Value>e:Sender</e:Value><e:Subcode>"
                + "<e:Value>ter:NotAuthorized</e:Value></e:Subcode></e:Code><e:Reason>"
                + "<e:Text xml:lang='en'>Sender not Authorized</e:Text></e:Reason></e:Fault>"
                + "</e:Body></e:Envelope>");
    SoapFault f = e.fault();
    assertThat(f).isNotNull();
    assertThat(f.code()).isEqualTo("Sender");
    assertThat(f.subcode()).isEqualTo("NotAuthorized");
    assertThat(f.isNotAuthorized()).isTrue();
    assertThat(f.isRefusal()).isTrue();
    assertThat(f.describe()).isEqualTo("Sender / NotAuthorized: Sender not Authorized");
  }

  @Test
  void readsNestedSubcodesAndReceiverFaults() throws Exception {
    SoapFault f =
        envelope(
                "<e:Envelope xmlns:e='"
                    + S12
                    + "'><e:Body><e:Fault><e:Code>"
                    + "<e:Value>e:Receiver</e:Value><e:Subcode><e:Value>ter:Action</e:Value>"
                    + "<e:Subcode><e:Value>ter:ActionNotSupported</e:Value></e:Subcode>"
                    + "</e:Subcode></e:Code></e:Fault></e:Body></e:Envelope>")
            .fault();
    assertThat(f.code()).isEqualTo("Receiver");
    assertThat(f.subcode()).isEqualTo("ActionNotSupported");
    assertThat(f.isRefusal()).isFalse();
  }

  @Test
  void readsASoap11Fault() throws Exception {
    SoapFault f =
        envelope(
                "<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'>"
                    + "<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>ter:NotAuthorized</faultcode>"
                    + "<faultstring>not authorized</faultstring></SOAP-ENV:Fault>"
                    + "</SOAP-ENV:Body></SOAP-ENV:Envelope>")
            .fault();
    assertThat(f.isNotAuthorized()).isTrue();
    assertThat(f.reason()).isEqualTo("not authorized");
  }

  @Test
  void xmlThatIsNoEnvelopeIsNotSoap() throws Exception {
    assertThat(SoapXml.envelope(b("<html><body>hi</body></html>"))).isEmpty();
    assertThat(SoapXml.envelope(b("<Envelope><Body/></Envelope>"))).as("no namespace").isEmpty();
  }

  @Test
  void anExternalEntityIsNeverResolvedOrExpanded() {
    String xxe =
        "<?xml version='1.0'?><!DOCTYPE e [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
            + "<e:Envelope xmlns:e='"
            + S12
            + "'><e:Body><m>&xxe;</m></e:Body></e:Envelope>";
    assertThatThrownBy(() -> SoapXml.envelope(b(xxe)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("document type declaration")
        .hasMessageNotContaining("root:");
  }

  @Test
  void anUndeclaredEntityIsAnError() {
    String xml = "<e:Envelope xmlns:e='" + S12 + "'><e:Body><m>&foo;</m></e:Body></e:Envelope>";
    assertThatThrownBy(() -> SoapXml.envelope(b(xml)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("entity");
  }

  @Test
  void billionLaughsIsRefusedQuickly() {
    StringBuilder dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [");
    dtd.append("<!ENTITY lol0 'lol'>");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" '");
      for (int j = 0; j < 10; j++) {
        dtd.append("&lol").append(i - 1).append(';');
      }
      dtd.append("'>");
    }
    dtd.append("]><e:Envelope xmlns:e='" + S12 + "'><e:Body><m>&lol9;</m></e:Body></e:Envelope>");
    long start = System.nanoTime();
    assertThatThrownBy(() -> SoapXml.envelope(b(dtd.toString())))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("document type declaration");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void truncatedXmlIsAnError() {
    assertThatThrownBy(
            () -> SoapXml.envelope(b("<e:Envelope xmlns:e='" + S12 + "'><e:Body><m>cut")))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("not well-formed");
  }

  @Test
  void garbageIsAnError() {
    assertThatThrownBy(() -> SoapXml.envelope(new byte[] {0, 1, 2, (byte) 0xff, 'x'}))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("not well-formed");
    assertThatThrownBy(() -> SoapXml.envelope(new byte[0])).isInstanceOf(ProtocolException.class);
  }

  @Test
  void oversizedTextDeepNestingAndElementFloodsAreRefused() {
    String wrap = "<e:Envelope xmlns:e='" + S12 + "'><e:Body>%s</e:Body></e:Envelope>";
    assertThatThrownBy(
            () -> SoapXml.envelope(b(String.format(wrap, "<m>" + "A".repeat(10_000) + "</m>"))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("longer than " + SoapXml.MAX_TEXT);
    assertThatThrownBy(
            () -> SoapXml.envelope(b(String.format(wrap, "<a>".repeat(100) + "</a>".repeat(100)))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("deeper than " + SoapXml.MAX_DEPTH);
    assertThatThrownBy(() -> SoapXml.envelope(b(String.format(wrap, "<a/>".repeat(5000)))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than " + SoapXml.MAX_ELEMENTS + " elements");
  }
}
