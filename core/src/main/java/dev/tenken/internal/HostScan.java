package dev.tenken.internal;

import dev.tenken.AddressClass;
import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
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
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Scans one target from resolution to terminal state. No thread waits for the host: {@link #run}
 * resolves it and starts its first work items; each item's completion (on the executor) or deadline
 * (on the engine's watchdog) starts the next, and the last one reports the target. State below the
 * lock is touched only with it held.
 */
final class HostScan implements Runnable {
  private final ScanEngine engine;
  private final Target target;
  private final Instant started = Instant.now();
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean cancelled;
  private HostState host;
  private Phase<?> phase;
  private ScheduledFuture<?> budgetTimer;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private final List<CheckResult> results = new ArrayList<>();

  HostScan(ScanEngine engine, Target target) {
    this.engine = engine;
    this.target = target;
  }

  /** Stops this host: running work is aborted and the target ends CANCELLED. */
  void cancel() {
    cancelled = true;
    lock.lock();
    try {
      if (phase != null) {
        pump(phase);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Resolves and starts the host; from then on completions and the watchdog drive it. */
  @Override
  public void run() {
    try {
      begin();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      failed(e);
    }
  }

  private void failed(Throwable e) {
    complete(end(host, TargetResult.Status.ERROR, "internal error: " + e, List.of(), List.of()));
  }

  private void begin() {
    Settings settings = engine.settings();
    InetAddress address;
    try {
      address = InetAddress.getByName(target.host());
    } catch (UnknownHostException | SecurityException e) {
      complete(
          end(
              null,
              TargetResult.Status.UNREACHABLE,
              target.host() + " does not resolve",
              List.of(),
              List.of()));
      return;
    }
    Optional<String> refusal = settings.scope().refusal(target.host(), address);
    if (refusal.isPresent()) {
      complete(
          new TargetResult(
              target,
              Optional.of(address),
              AddressClass.of(address),
              TargetResult.Status.OUT_OF_SCOPE,
              refusal.get(),
              List.of(),
              DeviceIdentity.EMPTY,
              List.of(),
              elapsed()));
      return;
    }
    HostState host =
        new HostState(
            target,
            address,
            started.plus(settings.hostBudget()),
            settings.maxConnectFailures(),
            engine::loginBudget,
            engine.redactor());
    lock.lock();
    try {
      this.host = host;
      budgetTimer = engine.at(host.budgetDeadline, this::budgetPassed);
      startPhase(
          discovery(host),
          state -> {
            if (state.open()) {
              endpoints.add(
                  new Endpoint(
                      target.host(), address, state.port(), state.transport(), state.service()));
            }
          },
          this::afterDiscovery);
    } finally {
      lock.unlock();
    }
  }

  /** The host budget has passed: work not yet started is dropped. */
  private void budgetPassed() {
    lock.lock();
    try {
      if (phase != null) {
        pump(phase);
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      failed(e);
    } finally {
      lock.unlock();
    }
  }

  private void afterDiscovery(boolean complete) {
    endpoints.sort(java.util.Comparator.comparingInt(Endpoint::port));
    if (host.isGivenUp() && endpoints.isEmpty()) {
      complete(
          end(
              host,
              TargetResult.Status.UNREACHABLE,
              "no answer: " + host.connectFailures() + " connection attempts timed out",
              List.of(),
              List.of()));
      return;
    }
    if (!complete) {
      afterChecks(false);
      return;
    }
    // Two phases: checks that judge the merged identity wait for every other check's facts.
    startPhase(
        checks(host, endpoints, false),
        this::announce,
        first -> {
          if (!first) {
            afterChecks(false);
          } else {
            startPhase(checks(host, endpoints, true), this::announce, this::afterChecks);
          }
        });
  }

  private void announce(CheckResult result) {
    results.add(result);
    engine.announce(target, result);
  }

  private void afterChecks(boolean complete) {
    Settings settings = engine.settings();
    if (cancelled) {
      complete(
          end(host, TargetResult.Status.CANCELLED, "the scan was cancelled", endpoints, results));
      return;
    }
    if (host.isGivenUp()
        && results.stream().allMatch(r -> r.status() == CheckResult.Status.ERROR)) {
      complete(
          end(
              host,
              TargetResult.Status.UNREACHABLE,
              "no answer: " + host.connectFailures() + " connection attempts timed out",
              endpoints,
              results));
      return;
    }
    if (!complete) {
      complete(
          end(
              host,
              TargetResult.Status.TIMEOUT,
              "the host budget of " + settings.hostBudget().toSeconds() + " s ran out",
              endpoints,
              results));
      return;
    }
    complete(
        end(
            host,
            TargetResult.Status.SCANNED,
            endpoints.size() + " open port(s), " + results.size() + " check result(s)",
            endpoints,
            results));
  }

  /** Reports the target's result and frees its host slot, once. */
  private void complete(TargetResult result) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    phase = null;
    ScheduledFuture<?> timer = budgetTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    try {
      engine.finish(result);
    } finally {
      engine.hostDone(this);
    }
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
              hint.isEmpty(),
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
              false,
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

  /**
   * @param connectsFirst whether the body's first act is a TCP connect to {@code port} (an
   *     identification probe), which the runner may then make ahead
   */
  private static Work<Identifier.PortState> portWork(
      int port, Transport transport, boolean connectsFirst, PortBody body) {
    return new Work<>() {
      @Override
      public Identifier.PortState run(Resources resources, Instant deadline) throws Exception {
        return body.run(resources, deadline);
      }

      @Override
      public OptionalInt connectsFirstTo() {
        return connectsFirst ? OptionalInt.of(port) : OptionalInt.empty();
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
      return FindingPolicy.localize(f, check.descriptor(), engine.texts(check));
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
  private final class Running<T> implements ScanEngine.SlotWaiter {
    final Phase<T> phase;
    final Work<T> work;
    final Resources resources = new Resources();
    final AtomicBoolean permit = new AtomicBoolean();
    volatile boolean aborted;
    volatile Instant startedAt;
    volatile Instant deadline;
    volatile Future<?> future;
    volatile ScheduledFuture<?> timer;

    Running(Phase<T> phase, Work<T> work) {
      this.phase = phase;
      this.work = work;
    }

    @Override
    public boolean granted() {
      if (aborted) {
        return false;
      }
      permit.set(true);
      ConnectSelector selector = engine.connectSelector();
      OptionalInt port = work.connectsFirstTo();
      if (selector != null && port.isPresent()) {
        // The connect is made without a thread; the work gets one when it has ended.
        startClock(this);
        if (engine
            .connector()
            .connectAhead(selector, host, port.getAsInt(), deadline, resources, this::submit)) {
          return true;
        }
      }
      if (!trySubmit()) {
        permit.set(false);
        return false;
      }
      return true;
    }

    /** After a connect made ahead: the work runs now, unless it was aborted meanwhile. */
    private void submit() {
      if (!aborted && !trySubmit()) {
        // The scan has ended; nothing waits for this item any more.
        resources.close();
        release(this);
      }
    }

    /** Hands the item to the executor; false when the scan has ended and it refuses work. */
    private boolean trySubmit() {
      try {
        future = engine.submit(() -> execute(this));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return false;
      }
      if (aborted) {
        // Aborted while being submitted: abort() may have missed the future.
        future.cancel(true);
        release(this);
      }
      return true;
    }
  }

  /** One batch of work (the port probes, or one phase of checks) and what follows it. */
  private final class Phase<T> {
    final Deque<Work<T>> pending;
    final List<Running<T>> running = new ArrayList<>();
    final Consumer<T> sink;
    final Consumer<Boolean> then;
    boolean stopped;
    boolean over;

    Phase(List<Work<T>> items, Consumer<T> sink, Consumer<Boolean> then) {
      this.pending = new ArrayDeque<>(items);
      this.sink = sink;
      this.then = then;
    }
  }

  /**
   * Runs {@code items} at most per-host-concurrency at a time, feeding results to {@code sink} one
   * at a time, then calls {@code then} with false when it stopped early (host budget, cancellation,
   * host given up). Caller holds the lock.
   */
  private <T> void startPhase(List<Work<T>> items, Consumer<T> sink, Consumer<Boolean> then) {
    Phase<T> p = new Phase<>(items, sink, then);
    phase = p;
    pump(p);
  }

  /** Stops, starts and ends what it must; caller holds the lock. */
  private <T> void pump(Phase<T> p) {
    if (p.over || p != phase) {
      return;
    }
    Instant now = Instant.now();
    boolean overBudget = now.isAfter(host.budgetDeadline);
    if (cancelled || host.isGivenUp() || overBudget) {
      p.stopped = p.stopped || !p.pending.isEmpty() || cancelled;
      p.pending.clear();
      if (cancelled) {
        p.running.forEach(this::abort);
        p.running.clear();
      } else if (overBudget) {
        // Items past their own deadline are the watchdog's; these never got a slot in time.
        for (var it = p.running.iterator(); it.hasNext(); ) {
          Running<T> r = it.next();
          if (r.deadline == null) {
            it.remove();
            abort(r);
            p.stopped = true;
          }
        }
      }
    }
    int width = engine.settings().perHostConcurrency();
    while (p.running.size() < width && !p.pending.isEmpty()) {
      Running<T> item = new Running<>(p, p.pending.poll());
      p.running.add(item);
      engine.requestSlot(item);
    }
    if (p.running.isEmpty() && p.pending.isEmpty()) {
      p.over = true;
      p.then.accept(!p.stopped && !cancelled);
    }
  }

  /** On the executor, holding a global slot. */
  private <T> void execute(Running<T> item) {
    T result = null;
    try {
      if (item.aborted) {
        return;
      }
      if (item.deadline == null) {
        startClock(item);
      }
      try {
        result = item.work.run(item.resources, item.deadline);
      } catch (Throwable t) {
        if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
          throw vme;
        }
        result = item.work.failed(t, Duration.between(item.startedAt, Instant.now()));
      }
    } finally {
      item.resources.close();
      release(item);
      Thread.interrupted();
    }
    completed(item, result);
  }

  /** The item's deadline starts now: the check timeout, within the host budget. */
  private <T> void startClock(Running<T> item) {
    Instant now = Instant.now();
    Instant deadline = now.plus(engine.settings().checkTimeout());
    if (deadline.isAfter(host.budgetDeadline)) {
      deadline = host.budgetDeadline;
    }
    item.startedAt = now;
    item.deadline = deadline;
    item.timer = engine.at(deadline, () -> deadlinePassed(item));
  }

  private <T> void completed(Running<T> item, T result) {
    lock.lock();
    try {
      if (item.phase.running.remove(item)) {
        ScheduledFuture<?> timer = item.timer;
        if (timer != null) {
          timer.cancel(false);
        }
        item.phase.sink.accept(result);
      }
      pump(item.phase);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      failed(e);
    } finally {
      lock.unlock();
    }
  }

  /** On the watchdog: the item's deadline has passed. */
  private <T> void deadlinePassed(Running<T> item) {
    lock.lock();
    try {
      if (item.phase.running.remove(item)) {
        abort(item);
        item.phase.sink.accept(item.work.timedOut(Duration.between(item.startedAt, Instant.now())));
      }
      pump(item.phase);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      failed(e);
    } finally {
      lock.unlock();
    }
  }

  private <T> void abort(Running<T> r) {
    r.aborted = true;
    r.resources.close();
    Future<?> f = r.future;
    if (f != null) {
      f.cancel(true);
    }
    ScheduledFuture<?> timer = r.timer;
    if (timer != null) {
      timer.cancel(false);
    }
    release(r);
  }

  private <T> void release(Running<T> r) {
    if (r.permit.compareAndSet(true, false)) {
      engine.releaseSlot();
    }
  }
}
