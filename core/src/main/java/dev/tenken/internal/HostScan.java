package dev.tenken.internal;

import dev.tenken.AddressClass;
import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
import dev.tenken.CheckTexts;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.PortRange;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.Transport;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.OutOfScopeException;
import dev.tenken.spi.Outcome;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Scans one target from resolution to terminal state. Runs on one scan thread. */
final class HostScan implements Runnable {
  private final ScanEngine engine;
  private final Target target;
  private final Instant started = Instant.now();
  private volatile boolean cancelled;
  private volatile Thread thread;

  HostScan(ScanEngine engine, Target target) {
    this.engine = engine;
    this.target = target;
  }

  /** Stops this host: running work is aborted and the target ends CANCELLED. */
  void cancel() {
    cancelled = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    try {
      TargetResult result;
      try {
        result = scan();
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        result = end(null, TargetResult.Status.ERROR, "internal error: " + e, List.of(), List.of());
      }
      engine.finish(result);
    } finally {
      thread = null;
      Thread.interrupted();
      engine.hostDone(this);
    }
  }

  private TargetResult scan() {
    Settings settings = engine.settings();
    InetAddress address;
    try {
      address = InetAddress.getByName(target.host());
    } catch (UnknownHostException | SecurityException e) {
      return end(
          null,
          TargetResult.Status.UNREACHABLE,
          target.host() + " does not resolve",
          List.of(),
          List.of());
    }
    Optional<String> refusal = settings.scope().refusal(target.host(), address);
    if (refusal.isPresent()) {
      return new TargetResult(
          target,
          Optional.of(address),
          AddressClass.of(address),
          TargetResult.Status.OUT_OF_SCOPE,
          refusal.get(),
          List.of(),
          DeviceIdentity.EMPTY,
          List.of(),
          elapsed());
    }
    HostState host =
        new HostState(
            target,
            address,
            started.plus(settings.hostBudget()),
            settings.maxConnectFailures(),
            engine::loginBudget,
            engine.redactor());

    List<Endpoint> endpoints = new ArrayList<>();
    List<CheckResult> results = new ArrayList<>();
    boolean complete =
        run(
            host,
            discovery(host),
            state -> {
              if (state.open()) {
                endpoints.add(
                    new Endpoint(
                        target.host(), address, state.port(), state.transport(), state.service()));
              }
            });
    endpoints.sort(java.util.Comparator.comparingInt(Endpoint::port));
    if (host.isGivenUp() && endpoints.isEmpty()) {
      return end(
          host,
          TargetResult.Status.UNREACHABLE,
          "no answer: " + host.connectFailures() + " connection attempts timed out",
          List.of(),
          List.of());
    }
    // Two phases: checks that judge the merged identity wait for every other check's facts.
    for (boolean afterIdentity : new boolean[] {false, true}) {
      if (complete) {
        complete =
            run(
                host,
                checks(host, endpoints, afterIdentity),
                result -> {
                  results.add(result);
                  engine.announce(target, result);
                });
      }
    }
    if (cancelled) {
      return end(host, TargetResult.Status.CANCELLED, "the scan was cancelled", endpoints, results);
    }
    if (host.isGivenUp()
        && results.stream().allMatch(r -> r.status() == CheckResult.Status.ERROR)) {
      return end(
          host,
          TargetResult.Status.UNREACHABLE,
          "no answer: " + host.connectFailures() + " connection attempts timed out",
          endpoints,
          results);
    }
    if (!complete) {
      return end(
          host,
          TargetResult.Status.TIMEOUT,
          "the host budget of " + settings.hostBudget().toSeconds() + " s ran out",
          endpoints,
          results);
    }
    return end(
        host,
        TargetResult.Status.SCANNED,
        endpoints.size() + " open port(s), " + results.size() + " check result(s)",
        endpoints,
        results);
  }

  private TargetResult end(
      HostState host,
      TargetResult.Status status,
      String detail,
      List<Endpoint> endpoints,
      List<CheckResult> results) {
    return new TargetResult(
        target,
        host == null ? Optional.empty() : Optional.of(host.address),
        host == null ? AddressClass.RESERVED : host.addressClass,
        status,
        detail,
        endpoints,
        host == null ? DeviceIdentity.EMPTY : host.facts.identity(),
        results,
        elapsed());
  }

  private Duration elapsed() {
    return Duration.between(started, Instant.now());
  }

  /** The ports to look at and how: a scheme hint skips identification. */
  private List<Work<Identifier.PortState>> discovery(HostState host) {
    Settings settings = engine.settings();
    List<Work<Identifier.PortState>> work = new ArrayList<>();
    Set<Integer> tcp = new TreeSet<>();
    Set<Integer> udp = new TreeSet<>();
    Optional<String> hint = target.service();
    for (Check check : settings.checkSet().checks()) {
      CheckDescriptor d = check.descriptor();
      if (hint.isPresent() && !d.services().contains(hint.get())) {
        continue;
      }
      if (hint.isEmpty() || !target.hasPorts()) {
        (d.transport() == Transport.UDP ? udp : tcp).addAll(d.defaultPorts());
      }
    }
    Transport hintTransport = hint.map(this::transportOf).orElse(Transport.TCP);
    for (PortRange range : target.ports()) {
      range.ports().forEach(p -> (hintTransport == Transport.UDP ? udp : tcp).add(p));
    }
    if (!settings.printPorts()) {
      tcp.removeIf(dev.tenken.spi.PrintPortGuard::isPrintPort);
    }
    Identifier identifier = engine.identifier();
    for (int port : tcp) {
      work.add(
          portWork(
              port,
              Transport.TCP,
              (res, dl) ->
                  hint.isPresent()
                      ? new Identifier.PortState(
                          port,
                          Transport.TCP,
                          Identifier.PortState.State.OPEN,
                          hint.get(),
                          "scheme hint")
                      : identifier.tcp(host, port, dl, res)));
    }
    for (int port : udp) {
      work.add(
          portWork(
              port,
              Transport.UDP,
              (res, dl) ->
                  hint.isPresent()
                      ? new Identifier.PortState(
                          port,
                          Transport.UDP,
                          Identifier.PortState.State.OPEN,
                          hint.get(),
                          "scheme hint")
                      : identifier.udp(host, port, dl, res)));
    }
    return work;
  }

  private Transport transportOf(String service) {
    for (Check c : engine.settings().checkSet().checks()) {
      if (c.descriptor().services().contains(service)) {
        return c.descriptor().transport();
      }
    }
    return Transport.TCP;
  }

  private interface PortBody {
    Identifier.PortState run(Resources resources, Instant deadline) throws Exception;
  }

  private static Work<Identifier.PortState> portWork(int port, Transport transport, PortBody body) {
    return new Work<>() {
      @Override
      public Identifier.PortState run(Resources resources, Instant deadline) throws Exception {
        return body.run(resources, deadline);
      }

      @Override
      public Identifier.PortState failed(Throwable failure, Duration elapsed) {
        return new Identifier.PortState(
            port,
            transport,
            Identifier.PortState.State.FILTERED,
            "",
            String.valueOf(failure.getMessage()));
      }

      @Override
      public Identifier.PortState timedOut(Duration elapsed) {
        return new Identifier.PortState(
            port, transport, Identifier.PortState.State.FILTERED, "", "identification timed out");
      }
    };
  }

  /** One work item per (check, endpoint) where the check's services include the endpoint's. */
  private List<Work<CheckResult>> checks(
      HostState host, List<Endpoint> endpoints, boolean afterIdentity) {
    List<Work<CheckResult>> work = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      for (Check check : engine.settings().checkSet().checks()) {
        CheckDescriptor d = check.descriptor();
        if (d.transport() == endpoint.transport()
            && d.services().contains(endpoint.service())
            && d.tags().contains(CheckDescriptor.TAG_AFTER_IDENTITY) == afterIdentity) {
          work.add(new CheckWork(host, check, endpoint));
        }
      }
    }
    return work;
  }

  /** Runs one check with policy, redaction and the runner-level adjustments of its findings. */
  private final class CheckWork implements Work<CheckResult> {
    private final HostState host;
    private final Check check;
    private final Endpoint endpoint;

    CheckWork(HostState host, Check check, Endpoint endpoint) {
      this.host = host;
      this.check = check;
      this.endpoint = endpoint;
    }

    @Override
    public CheckResult run(Resources resources, Instant deadline) throws Exception {
      Instant begin = Instant.now();
      CheckDescriptor d = check.descriptor();
      if (!engine.settings().enabled().contains(d.safety())) {
        return result(
            CheckResult.Status.SKIP,
            d.safety() + " checks are not enabled (enable them on the runner to run this check)",
            List.of(),
            java.util.Map.of(),
            begin);
      }
      DefaultCheckContext context =
          new DefaultCheckContext(
              engine.connector(), host, d, deadline, resources, engine.redactor());
      Outcome outcome = check.run(endpoint, context);
      if (outcome == null) {
        return result(
            CheckResult.Status.ERROR,
            "the check returned no outcome",
            List.of(),
            java.util.Map.of(),
            begin);
      }
      List<Finding> findings = new ArrayList<>();
      for (Finding f : outcome.findings()) {
        findings.add(adjust(f));
      }
      java.util.Map<String, String> evidence = new java.util.LinkedHashMap<>();
      outcome.evidence().forEach((k, v) -> evidence.put(k, engine.redactor().redact(v)));
      return result(
          outcome.status(), engine.redactor().redact(outcome.detail()), findings, evidence, begin);
    }

    private Finding adjust(Finding raw) {
      Finding f =
          FindingPolicy.apply(
              raw,
              check.descriptor(),
              host.addressClass,
              catchAll(raw.endpoint().port()),
              engine.redactor());
      return FindingPolicy.localize(
          f, check.descriptor(), CheckTexts.of(check, engine.settings().locale()));
    }

    private boolean catchAll(int port) {
      return host.facts.get(FactKey.HTTP_CATCH_ALL.perPort(port)).orElse(false)
          || host.facts.get(FactKey.RTSP_CATCH_ALL.perPort(port)).orElse(false);
    }

    @Override
    public CheckResult failed(Throwable failure, Duration elapsed) {
      String message =
          failure.getMessage() != null && !failure.getMessage().isBlank()
              ? ": " + failure.getMessage()
              : failure instanceof java.net.SocketTimeoutException
                  ? ": no answer before the timeout"
                  : failure instanceof java.io.EOFException
                      ? ": the device closed the connection mid-reply"
                      : failure instanceof java.io.IOException ? ": no detail given" : "";
      String kind =
          failure instanceof OutOfScopeException
              ? "refused"
              : failure instanceof java.io.IOException
                  ? failure.getClass().getSimpleName()
                  : "the check failed with " + failure.getClass().getName();
      return new CheckResult(
          check.id(),
          endpoint,
          CheckResult.Status.ERROR,
          engine.redactor().redact(kind + message),
          java.util.Map.of(),
          List.of(),
          elapsed);
    }

    @Override
    public CheckResult timedOut(Duration elapsed) {
      return new CheckResult(
          check.id(),
          endpoint,
          CheckResult.Status.ERROR,
          "no result within the "
              + elapsed.toMillis()
              + " ms deadline; its connections were closed",
          java.util.Map.of(),
          List.of(),
          elapsed);
    }

    private CheckResult result(
        CheckResult.Status status,
        String detail,
        List<Finding> findings,
        java.util.Map<String, String> evidence,
        Instant begin) {
      return new CheckResult(
          check.id(),
          endpoint,
          status,
          detail,
          evidence,
          findings,
          Duration.between(begin, Instant.now()));
    }
  }

  // ---- running work items: per-host width, global slots, per-item deadlines, host budget ----

  /** One item in flight. */
  private static final class Running<T> {
    final Work<T> work;
    final Resources resources = new Resources();
    final AtomicBoolean permit = new AtomicBoolean();
    volatile Instant startedAt;
    volatile Instant deadline;
    Future<?> future;

    Running(Work<T> work) {
      this.work = work;
    }
  }

  private record Event<T>(Running<T> item, T result) {}

  /**
   * Runs {@code items} at most per-host-concurrency at a time, feeding results to {@code sink} on
   * this thread. Returns false when it stopped early (host budget, cancellation, host given up).
   */
  private <T> boolean run(HostState host, List<Work<T>> items, Consumer<T> sink) {
    Settings settings = engine.settings();
    Deque<Work<T>> pending = new ArrayDeque<>(items);
    List<Running<T>> running = new ArrayList<>();
    BlockingQueue<Event<T>> events = new LinkedBlockingQueue<>();
    boolean stopped = false;
    while (!pending.isEmpty() || !running.isEmpty()) {
      if (cancelled || host.isGivenUp() || Instant.now().isAfter(host.budgetDeadline)) {
        stopped = stopped || !pending.isEmpty() || cancelled;
        pending.clear();
        if (cancelled) {
          running.forEach(this::abort);
          running.clear();
          break;
        }
      }
      while (running.size() < settings.perHostConcurrency() && !pending.isEmpty()) {
        Running<T> item = new Running<>(pending.poll());
        running.add(item);
        item.future = engine.submit(() -> execute(item, host, events));
      }
      if (running.isEmpty()) {
        break;
      }
      Instant next = host.budgetDeadline;
      for (Running<T> r : running) {
        Instant d = r.deadline;
        if (d != null && d.isBefore(next)) {
          next = d;
        }
      }
      long waitMillis = Math.max(1, Duration.between(Instant.now(), next).toMillis() + 1);
      Event<T> event;
      try {
        event = events.poll(Math.min(waitMillis, 1000), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        cancelled = true;
        continue;
      }
      if (event != null && event.result() != null && running.remove(event.item())) {
        sink.accept(event.result());
      }
      Instant now = Instant.now();
      for (var it = running.iterator(); it.hasNext(); ) {
        Running<T> r = it.next();
        Instant d = r.deadline;
        boolean overBudget = d == null && now.isAfter(host.budgetDeadline);
        if ((d != null && now.isAfter(d)) || overBudget) {
          it.remove();
          abort(r);
          if (!overBudget) {
            sink.accept(r.work.timedOut(Duration.between(r.startedAt, now)));
          } else {
            stopped = true;
          }
        }
      }
    }
    return !stopped && !cancelled;
  }

  private <T> void execute(Running<T> item, HostState host, BlockingQueue<Event<T>> events) {
    try {
      engine.slots().acquire();
    } catch (InterruptedException e) {
      return;
    }
    item.permit.set(true);
    try {
      Instant now = Instant.now();
      Instant deadline = now.plus(engine.settings().checkTimeout());
      if (deadline.isAfter(host.budgetDeadline)) {
        deadline = host.budgetDeadline;
      }
      item.startedAt = now;
      item.deadline = deadline;
      events.add(new Event<>(item, null));
      T result;
      try {
        result = item.work.run(item.resources, deadline);
      } catch (Throwable t) {
        if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
          throw vme;
        }
        result = item.work.failed(t, Duration.between(now, Instant.now()));
      }
      events.add(new Event<>(item, result));
    } finally {
      item.resources.close();
      release(item);
    }
  }

  private <T> void abort(Running<T> r) {
    r.resources.close();
    if (r.future != null) {
      r.future.cancel(true);
    }
    release(r);
  }

  private <T> void release(Running<T> r) {
    if (r.permit.compareAndSet(true, false)) {
      engine.slots().release();
    }
  }
}
