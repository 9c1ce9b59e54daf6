package dev.tenken.internal;

import dev.tenken.AddressClass;
import dev.tenken.CheckDescriptor;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.HostFacts;
import dev.tenken.spi.LoginBudget;
import dev.tenken.spi.OutOfScopeException;
import dev.tenken.spi.TcpConnection;
import dev.tenken.spi.UdpConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.net.SocketFactory;

/** The context of one check on one endpoint. */
final class DefaultCheckContext implements CheckContext {
  private final Connector connector;
  private final HostState host;
  private final CheckDescriptor check;
  private final Instant deadline;
  private final Resources resources;
  private final Redactor redactor;

  DefaultCheckContext(
      Connector connector,
      HostState host,
      CheckDescriptor check,
      Instant deadline,
      Resources resources,
      Redactor redactor) {
    this.connector = connector;
    this.host = host;
    this.check = check;
    this.deadline = deadline;
    this.resources = resources;
    this.redactor = redactor;
  }

  @Override
  public CheckDescriptor check() {
    return check;
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public Duration remaining() {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  @Override
  public Duration connectTimeout() {
    Duration configured = connector.settings().connectTimeout();
    Duration left = remaining();
    return left.compareTo(configured) < 0 ? left : configured;
  }

  @Override
  public LocalDate today() {
    return LocalDate.now(connector.settings().clock().withZone(ZoneOffset.UTC));
  }

  @Override
  public int readCap() {
    return connector.settings().readCap();
  }

  @Override
  public AddressClass addressClass() {
    return host.addressClass;
  }

  @Override
  public boolean isEnabled(Safety safety) {
    return connector.settings().enabled().contains(safety);
  }

  @Override
  public TcpConnection connect(Endpoint endpoint) throws IOException {
    var socket =
        connector.openTcp(
            host, endpoint.host(), endpoint.address(), endpoint.port(), deadline, resources, false);
    return resources.register(new TcpConnectionImpl(endpoint, socket, deadline, readCap()));
  }

  @Override
  public UdpConnection udp(Endpoint endpoint) throws IOException {
    var socket =
        connector.openUdp(
            host, endpoint.host(), endpoint.address(), endpoint.port(), deadline, resources);
    return resources.register(new UdpConnectionImpl(endpoint, socket, deadline, readCap()));
  }

  @Override
  public SocketFactory socketFactory() {
    return new GuardedSocketFactory(connector, host, deadline, resources);
  }

  @Override
  public InetAddress resolveInScope(String name) throws IOException {
    InetAddress address;
    try {
      address = InetAddress.getByName(name);
    } catch (UnknownHostException e) {
      throw new UnknownHostException(name + " does not resolve");
    }
    var refusal = connector.settings().scope().refusal(name, address);
    if (refusal.isPresent()) {
      throw new OutOfScopeException("refused: " + refusal.get());
    }
    return address;
  }

  @Override
  public Optional<Credentials> credentials(String service) {
    return Optional.ofNullable(connector.settings().credentials().get(service));
  }

  @Override
  public Optional<String> option(String key) {
    return Optional.ofNullable(connector.settings().options().get(key));
  }

  @Override
  public LoginBudget loginBudget() {
    return host.loginBudget();
  }

  @Override
  public HostFacts facts() {
    return host.facts.boundedBy(deadline);
  }

  @Override
  public Finding.Builder finding(Endpoint endpoint) {
    return Finding.builder(check.id(), endpoint)
        .title(check.title())
        .severity(check.severity())
        .countermeasure(check.countermeasure())
        .description(check.description())
        .remediation(check.remediation())
        .references(check.references());
  }

  @Override
  public String redact(String text) {
    return redactor.redact(text);
  }
}
