package org.rivulet.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the per-module settings files the way Kurento's {@code loadConfig.cpp} does, so that an
 * existing {@code /etc/kurento/modules} directory (or a Kubernetes ConfigMap mounted there) works
 * as it is.
 *
 * <p>Every file {@code <location>/<sub/dirs>/<Name>.conf.ini} or {@code .conf.json} is merged under
 * the key {@code modules.<sub.dirs>.<Name>}: {@code modules/kurento/WebRtcEndpoint.conf.ini}
 * holding {@code stunServerPort=3478} gives {@code modules.kurento.WebRtcEndpoint.stunServerPort}.
 *
 * <p>Where Rivulet differs from Kurento, it is to stay predictable:
 * <ul>
 *   <li>files are read in sorted order, so when {@code Name.conf.ini} and {@code Name.conf.json}
 *       both set a key the JSON file wins every time (Kurento's order depends on the file
 *       system); with several locations, a later location overrides an earlier one, as in
 *       Kurento;
 *   <li>a file that cannot be parsed stops start-up (Kurento skips it with a warning, which leaves
 *       the operator's settings silently unused);
 *   <li>{@code .conf.info} and {@code .conf.xml} files, which nobody ships, and files that are not
 *       {@code .conf.*} files are ignored with a warning, as Kurento warns about them;
 *   <li>entries whose name starts with a dot are skipped: they are editor backups or the
 *       {@code ..data} links of a mounted ConfigMap, which would load every file twice;
 *   <li>symbolic links are followed (ConfigMap files are links), and a directory reached twice
 *       through links is read once.
 * </ul>
 */
final class ModuleConfigLoader {

  private static final String INI = ".conf.ini";
  private static final String JSON = ".conf.json";

  private final Settings.Builder settings = Settings.builder();
  private final List<String> warnings = new ArrayList<>();
  private final Set<Path> visited = new HashSet<>();

  /** The settings found and the warnings about what was skipped. */
  record Result(Settings settings, List<String> warnings) {
    Result {
      warnings = List.copyOf(warnings);
    }
  }

  private ModuleConfigLoader() {}

  /**
   * Loads every location in order.
   *
   * @param locations module configuration directories; one that does not exist gives a warning,
   *     as in Kurento, because a fresh installation may have no module settings at all
   */
  static Result load(List<Path> locations) {
    ModuleConfigLoader loader = new ModuleConfigLoader();
    for (Path location : locations) {
      Path root = location.toAbsolutePath().normalize();
      if (Files.isDirectory(root)) {
        loader.visitDirectory(root, root);
      } else {
        loader.warnings.add("Module configuration directory " + root
            + " does not exist or is not a directory; no module settings read from it");
      }
    }
    return new Result(loader.settings.build(), loader.warnings);
  }

  private void visitDirectory(Path dir, Path root) {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      throw new ConfigException(dir + ": cannot be read: " + e, e);
    }
    if (!visited.add(real)) {
      return;
    }
    List<Path> entries;
    try (Stream<Path> listing = Files.list(dir)) {
      entries = listing.sorted().toList();
    } catch (IOException e) {
      throw new ConfigException(dir + ": cannot be listed: " + e, e);
    }
    for (Path entry : entries) {
      if (entry.getFileName().toString().startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(entry)) {
        visitDirectory(entry, root);
      } else if (Files.isRegularFile(entry)) {
        visitFile(entry, root);
      }
    }
  }

  private void visitFile(Path file, Path root) {
    String fileName = file.getFileName().toString();
    if (fileName.endsWith(INI) && fileName.length() > INI.length()) {
      String prefix =
          keyPrefix(file, root, fileName.substring(0, fileName.length() - INI.length()));
      for (Map.Entry<String, String> e : IniFile.read(file).entrySet()) {
        settings.put(Setting.fromFile(prefix + "." + e.getKey(), e.getValue(), file.toString()));
      }
    } else if (fileName.endsWith(JSON) && fileName.length() > JSON.length()) {
      String prefix =
          keyPrefix(file, root, fileName.substring(0, fileName.length() - JSON.length()));
      JsonNode tree = JsonConfigFile.read(file);
      JsonConfigFile.flatten(tree, prefix, file, settings);
    } else if (fileName.endsWith(".conf.info") || fileName.endsWith(".conf.xml")) {
      warnings.add(
          "Ignored " + file + ": only .conf.ini and .conf.json module files are supported");
    } else {
      warnings.add("Ignored " + file + ": not a <Name>.conf.ini or <Name>.conf.json file");
    }
  }

  /** {@code modules.<sub.dirs>.<Name>} for a file under {@code root}. */
  private static String keyPrefix(Path file, Path root, String name) {
    StringBuilder key = new StringBuilder("modules");
    Path relativeDir = root.relativize(file.getParent());
    for (Path part : relativeDir) {
      if (!part.toString().isEmpty()) {
        key.append('.').append(part);
      }
    }
    return key.append('.').append(name).toString();
  }
}
