package dev.tenken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenken.CheckSet;
import dev.tenken.cli.MainTest.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --checks} and {@code --exclude} against the real catalogue of the check modules. */
class SelectionTest {
  private static final CheckSet ALL = CheckSet.discover(SelectionTest.class.getClassLoader());

  @TempDir Path dir;

  private Result run(String... args) {
    return MainTest.run(new Main(ALL, dir), args);
  }

  private List<JsonNode> listed(String... selection) throws Exception {
    List<String> args = new ArrayList<>(List.of("checks", "--format", "json"));
    args.addAll(List.of(selection));
    Result r = run(args.toArray(String[]::new));
    assertThat(r.code()).as("stderr: %s", r.err()).isZero();
    List<JsonNode> out = new ArrayList<>();
    new ObjectMapper().readTree(r.out()).get("checks").forEach(out::add);
    return out;
  }

  private static boolean has(JsonNode check, String word) {
    for (JsonNode t : check.get("tags")) {
      if (t.asText().equals(word)) {
        return true;
      }
    }
    return check.get("id").asText().startsWith(word + ".")
        || check.get("countermeasure").asText().equals(word);
  }

  @Test
  void wordsSelectByAreaCountermeasureOrTagAndExcludeRemoves() throws Exception {
    List<JsonNode> cameras = listed("--checks", "camera");
    assertThat(cameras).isNotEmpty().allMatch(c -> has(c, "camera"));
    assertThat(cameras).anyMatch(c -> c.get("id").asText().startsWith("camera."));

    List<JsonNode> noInventory = listed("--checks", "camera", "--exclude", "inventory");
    assertThat(noInventory).isNotEmpty().noneMatch(c -> has(c, "inventory"));
    assertThat(noInventory.size()).isLessThan(cameras.size());

    assertThat(listed("--checks", "network-exposure"))
        .isNotEmpty()
        .allMatch(c -> has(c, "network-exposure"));
    assertThat(listed("--checks", "database.redis.*"))
        .isNotEmpty()
        .allMatch(c -> c.get("id").asText().startsWith("database.redis."));
    assertThat(listed("--exclude", "printer,database"))
        .isNotEmpty()
        .noneMatch(c -> c.get("id").asText().startsWith("printer."));
  }

  @Test
  void anUnknownSelectorListsTheValidOnes() {
    Result r = run("scan", "127.0.0.1", "--checks", "cameras");

    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .contains("unknown --checks selector 'cameras'")
        .contains("an area (camera, database, device")
        .contains("authentication, network-exposure, software-update, inventory")
        .contains("default-credentials");
  }

  @Test
  void selectorsThatLeaveNothingAreUsageErrors() {
    assertThat(run("checks", "--checks", "camera", "--exclude", "camera").errLines())
        .singleElement()
        .asString()
        .contains("leave no check to run");
    assertThat(run("checks", "--exclude", "camera.nothing.*").errLines())
        .singleElement()
        .asString()
        .contains("--exclude pattern 'camera.nothing.*' matches no check id");
    assertThat(run("checks", "--checks", "").code()).isEqualTo(Main.USAGE);
  }
}
