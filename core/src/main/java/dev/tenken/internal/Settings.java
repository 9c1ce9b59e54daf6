package dev.tenken.internal;

import dev.tenken.CheckSet;
import dev.tenken.Credentials;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Secret;
import dev.tenken.spi.LoginBudget;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A runner's immutable configuration; see {@link dev.tenken.CheckRunner.Builder} for meanings. */
public record Settings(
    CheckSet checkSet,
    Scope scope,
    Set<Safety> enabled,
    boolean printPorts,
    int concurrency,
    int perHostConcurrency,
    double connectionsPerSecond,
    Duration connectTimeout,
    Duration checkTimeout,
    Duration hostBudget,
    Duration bannerWait,
    int maxConnectFailures,
    int readCap,
    int loginAttemptsPerHost,
    int shardIndex,
    int shardCount,
    Map<String, Credentials> credentials,
    Map<String, String> options,
    List<Secret> secrets,
    Clock clock,
    Locale locale,
    @Nullable Function<InetAddress, LoginBudget> loginBudgets) {}
