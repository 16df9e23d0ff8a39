package org.linnea.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/security.md shows the role-permission table; this keeps it equal to {@link Role}. */
class RoleTableDocumentationTest {

  @Test
  void documentedTableMatchesCode() throws Exception {
    Path doc = Path.of("..", "docs", "security.md");
    List<String> lines = Files.readAllLines(doc);
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("| permission |")) {
        header = i;
        break;
      }
    }
    assertThat(header).as("role table header in docs/security.md").isNotNegative();
    List<Role> columns = new ArrayList<>();
    String[] head = cells(lines.get(header));
    for (int c = 1; c < head.length; c++) {
      columns.add(Role.valueOf(head[c]));
    }
    assertThat(columns).containsExactlyInAnyOrder(Role.values());
    Map<Role, Set<Permission>> documented = new EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      documented.put(r, EnumSet.noneOf(Permission.class));
    }
    Set<Permission> rows = EnumSet.noneOf(Permission.class);
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = cells(lines.get(i));
      Permission p = Permission.valueOf(cells[0]);
      rows.add(p);
      for (int c = 1; c < cells.length; c++) {
        if (cells[c].equals("yes")) {
          documented.get(columns.get(c - 1)).add(p);
        } else {
          assertThat(cells[c]).isIn("", "-", "—");
        }
      }
    }
    assertThat(rows).containsExactlyInAnyOrder(Permission.values());
    for (Role r : Role.values()) {
      assertThat(documented.get(r)).as(r.name()).isEqualTo(r.permissions());
    }
  }

  private static String[] cells(String line) {
    String t = line.trim();
    t = t.substring(1, t.length() - 1);
    String[] parts = t.split("\\|", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].trim().replace("`", "");
    }
    return parts;
  }
}
