package org.linnea.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.linnea.app.config.Configuration;
import org.linnea.security.access.Role;
import org.linnea.security.account.Account;
import org.linnea.security.account.AccountException;
import org.linnea.security.account.AccountService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code linnea user add|passwd|list|remove|apikey}: the local accounts under the data folder, on a
 * stopped or a running node (which re-reads the account file). Each change is audited as the OS
 * user at the command line.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
    description = "Manage the local accounts (docs/security.md). Passwords are shown once when generated; only Argon2id hashes are stored.",
    subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.ListUsers.class, UserCommand.Remove.class, UserCommand.ApiKey.class})
final class UserCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What each subcommand shares: the configuration, and running with the account service. */
  abstract static class Base implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
      Configuration c = config.load();
      try (NodeSecurity s = NodeSecurity.forCommand(c)) {
        return run(s, spec.commandLine().getOut());
      } catch (AccountException e) {
        spec.commandLine().getErr().println("linnea: user: " + e.getMessage());
        return 1;
      }
    }

    abstract int run(NodeSecurity s, PrintWriter out) throws Exception;

    static char[] readPassword() throws java.io.IOException {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null) throw new AccountException("--password-stdin: nothing on standard input");
      return line.toCharArray();
    }

    static void printPassword(PrintWriter out, String user, Optional<char[]> pw) {
      pw.ifPresent(p -> {
        out.println("linnea: one-time password of " + user + ": " + new String(p) + "  (shown once; change it with ./linnea user passwd " + user + ")");
        AccountService.wipe(p);
      });
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an account; prints a generated password unless --password-stdin.")
  static final class Add extends Base {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "ADMINISTRATOR, READER, UPLOADER, AUDITOR or SERVICE; repeat for several") List<String> roles;
    @Option(names = "--org", paramLabel = "ORG", description = "organisation (default: security.organisation)") String org;
    @Option(names = "--password-stdin", description = "read the password (12 to 1024 characters) from the first line of standard input") boolean stdin;

    @Override
    int run(NodeSecurity s, PrintWriter out) throws Exception {
      Set<Role> r = EnumSet.noneOf(Role.class);
      for (String x : roles) r.add(Role.parse(x).orElseThrow(() -> new AccountException("no role '" + x + "' (ADMINISTRATOR, READER, UPLOADER, AUDITOR, SERVICE)")));
      String organisation = org != null ? org : s.config.security().organisation();
      char[] given = stdin ? readPassword() : null;
      try {
        Optional<char[]> pw = s.accounts.add(s.operator(), name, organisation, r, given);
        out.println("linnea: account " + name + " added to organisation " + organisation + " with roles " + r);
        printPassword(out, name, pw);
      } finally {
        AccountService.wipe(given);
      }
      return 0;
    }
  }

  @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a new password; prints a generated one unless --password-stdin.")
  static final class Passwd extends Base {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--password-stdin", description = "read the password from the first line of standard input") boolean stdin;

    @Override
    int run(NodeSecurity s, PrintWriter out) throws Exception {
      char[] given = stdin ? readPassword() : null;
      try {
        Optional<char[]> pw = s.accounts.passwd(s.operator(), name, given);
        out.println("linnea: password of " + name + " changed");
        printPassword(out, name, pw);
      } finally {
        AccountService.wipe(given);
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts (never a hash).")
  static final class ListUsers extends Base {
    @Override
    int run(NodeSecurity s, PrintWriter out) throws Exception {
      out.printf("%-24s %-20s %-40s %s%n", "NAME", "ORGANISATION", "ROLES", "API KEYS");
      for (Account a : s.accounts.list()) {
        out.printf("%-24s %-20s %-40s %d%s%n", a.username(), a.organisation(), a.roles(), a.apiKeys().size(), a.disabled() ? " (disabled)" : "");
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an account; exit status 1 when there is none.")
  static final class Remove extends Base {
    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Override
    int run(NodeSecurity s, PrintWriter out) throws Exception {
      if (!s.accounts.remove(s.operator(), name)) {
        spec.commandLine().getErr().println("linnea: user: no account " + name);
        return 1;
      }
      out.println("linnea: account " + name + " removed");
      return 0;
    }
  }

  @Command(name = "apikey", mixinStandardHelpOptions = true,
      description = "Make an API key for an account (for machines: Authorization: Bearer lnk_…); the key is shown once.")
  static final class ApiKey extends Base {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--label", paramLabel = "TEXT", description = "what the key is for") String label;

    @Override
    int run(NodeSecurity s, PrintWriter out) throws Exception {
      String key = s.accounts.createApiKey(s.operator(), name, label != null ? label : "made by ./linnea user apikey");
      out.println("linnea: API key of " + name + " (shown once): " + key);
      return 0;
    }
  }
}
