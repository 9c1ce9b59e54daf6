package dev.tenken.database;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code database.redis.ioc-persistence-tamper}: {@code dir} and {@code dbfilename} point where the
 * known abuse writes the RDB file: an {@code .ssh} directory or {@code authorized_keys}, a cron
 * spool or {@code cron.d}, a web root or a script name. Read with {@code CONFIG GET} only.
 */
final class RedisIocPersistence extends RedisCheck {
  private static final Pattern SSH_DIR = Pattern.compile("(^|/)\\.ssh(/|$)");
  private static final Pattern CRON_DIR =
      Pattern.compile(
          "(^|/)(cron\\.(d|hourly|daily|weekly|monthly)|crontabs)(/|$)|^/var/spool/cron(/|$)");
  private static final Pattern WEB_DIR =
      Pattern.compile(
          "^/var/www(/|$)|^/srv/(www|http)(/|$)|^/usr/share/nginx/html(/|$)|(^|/)(htdocs|html|public_html|wwwroot|webroot)(/|$)");
  private static final Pattern SSH_FILE = Pattern.compile("authorized_keys2?");
  private static final Pattern SCRIPT_FILE =
      Pattern.compile(".*\\.(php\\d?|phtml|jsp|jspx|aspx?|sh|py|pl|cgi)|root|crontab");

  RedisIocPersistence() {
    super(
        redis("ioc-persistence-tamper", "Redis persistence points at SSH keys, cron or a web root")
            .description(
                "Attackers who reach an open Redis run CONFIG SET dir and dbfilename, then SAVE,"
                    + " to write a file they control: an authorized_keys with their SSH key, a"
                    + " cron job, or a web shell. The National Police Agency reported this"
                    + " technique. A dir or dbfilename like that is an indicator of"
                    + " compromise.")
            .remediation(
                "Treat the host as compromised: inspect the named directory for planted keys,"
                    + " cron entries or scripts and remove them, rotate SSH keys, restore dir and"
                    + " dbfilename in redis.conf, then require a password and block CONFIG for"
                    + " clients.")
            .probe(
                "INFO server without AUTH; if it answers: CONFIG GET dir, CONFIG GET"
                    + " dbfilename")
            .proof(
                "dir under .ssh, a cron spool/cron.d or a web root, or dbfilename"
                    + " authorized_keys, a cron or script name")
            .severity(Severity.CRITICAL)
            .countermeasure(Countermeasure.INVENTORY)
            .references(Reference.cwe(73), SECURITY_DOC)
            .tags("ioc", "compromise")
            .build());
  }

  /** What in {@code dir}/{@code dbfilename} matches the known abuse; empty when nothing does. */
  static List<String> indicators(String dir, String dbfilename) {
    String d = dir.replace('\\', '/').toLowerCase(Locale.ROOT);
    String f = dbfilename.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    if (SSH_DIR.matcher(d).find()) {
      out.add("dir is an .ssh directory");
    }
    if (SSH_FILE.matcher(f).matches()) {
      out.add("dbfilename is an SSH authorized_keys file");
    }
    if (CRON_DIR.matcher(d).find()) {
      out.add("dir is a cron spool or cron.d");
    }
    if (WEB_DIR.matcher(d).find()) {
      out.add("dir is a web root");
    }
    if (SCRIPT_FILE.matcher(f).matches()) {
      out.add("dbfilename is a script or crontab name");
    }
    return out;
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RedisClient client) throws IOException {
    RedisAccess access = RedisAccess.probe(client, context);
    if (access.readable().isEmpty()) {
      return needsAccess(access, "Reading dir and dbfilename");
    }
    Optional<String> dir = RedisConfig.get(client, "dir");
    Optional<String> file = RedisConfig.get(client, "dbfilename");
    if (dir.isEmpty() || file.isEmpty()) {
      return Outcome.skip("CONFIG GET dir/dbfilename is not available (renamed or blocked)");
    }
    String d = RespValue.shorten(dir.get(), 200);
    String f = RespValue.shorten(file.get(), 100);
    List<String> found = indicators(dir.get(), file.get());
    if (found.isEmpty()) {
      return Outcome.pass(
          "dir " + d + ", dbfilename " + f + ": no sign of the known persistence abuse",
          Map.of("dir", d, "dbfilename", f));
    }
    return Outcome.fail(
        context
            .finding(endpoint)
            .confidence(found.size() > 1 ? Confidence.CONFIRMED : Confidence.FIRM)
            .key("ioc:" + d + "/" + f)
            .evidence("dir", d)
            .evidence("dbfilename", f)
            .evidence("indicators", String.join("; ", found))
            .build());
  }
}
