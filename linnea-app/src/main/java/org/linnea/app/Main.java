package org.linnea.app;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./linnea}: one picocli subcommand per verb. */
@Command(
    name = "linnea",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Linnea: an open medical-imaging platform (DICOM archive, viewer, exchange, monitoring, recovery).",
    subcommands = {
      DumpCommand.class,
      JsonCommand.class,
      EchoCommand.class,
      SendCommand.class,
      FindCommand.class,
      MoveCommand.class,
      GetCommand.class,
      ReceiveCommand.class,
      ServeCommand.class,
      RenderCommand.class,
      ImportCommand.class,
      ReindexCommand.class,
      VerifyCommand.class,
      DeleteCommand.class,
      RestoreDeletedCommand.class,
      UserCommand.class,
      AuditCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit status; used by tests without exiting the JVM. */
  public static int run(String... args) {
    return run(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
  }

  /** Runs the command line with the given standard output and error (UTF-8 for the real ones). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = forCommand(args);
    if (cli != null) {
      args = java.util.Arrays.copyOfRange(args, 1, args.length);
    } else {
      cli = new CommandLine(new Main());
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("linnea: " + ex.getMessage());
          return 2;
        });
    return cli.execute(args);
  }

  /**
   * The named subcommand on its own ({@code linnea send …}), or null (help, --version, an unknown
   * word: the whole command line). Building the model of one command only shortens every start:
   * picocli's classes predate Java 6 and cannot be kept in the class-data sharing archive, so
   * each model costs reflection and verification at each start (about 0.1 s for all of them on
   * a busy machine).
   */
  static CommandLine forCommand(String... args) {
    if (args.length == 0 || args[0].equals("help")) {
      return null;
    }
    for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
      Command command = c.getAnnotation(Command.class);
      if (command != null && command.name().equals(args[0])) {
        CommandLine cli = new CommandLine(c);
        cli.setCommandName("linnea " + command.name());
        return cli;
      }
    }
    return null;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"linnea " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
