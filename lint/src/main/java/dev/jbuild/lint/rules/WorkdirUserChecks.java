package dev.jbuild.lint.rules;

import dev.jbuild.lint.BuildkitRules;
import dev.jbuild.lint.HadolintRules;
import dev.jbuild.lint.JbuildRules;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.lint.model.LintUnit;
import dev.jbuild.lint.model.RunScript;
import dev.jbuild.lint.shell.ShellCommand;
import dev.jbuild.lint.shell.ShellWord;
import dev.jbuild.parser.instructions.Add;
import dev.jbuild.parser.instructions.Copy;
import dev.jbuild.parser.instructions.User;
import dev.jbuild.parser.instructions.Workdir;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** WORKDIR and USER: relative paths, copying before a working directory is set, and who the image runs as. */
final class WorkdirUserChecks implements Check {
    private static final Set<String> USERADD_VALUE_OPTIONS = Set.of("-u", "--uid", "-g", "--gid", "-G", "--groups", "-d",
            "--home-dir", "-s", "--shell", "-c", "--comment", "-k", "--skel", "-K", "--key", "-e", "--expiredate", "-f",
            "--inactive", "-p", "--password", "-b", "--base-dir", "-R", "--root", "-P", "--prefix", "-Z", "--selinux-user");
    private static final Set<String> ADDUSER_VALUE_OPTIONS = Set.of("-u", "--uid", "-G", "-g", "--gid", "-h", "--home",
            "-s", "--shell", "-k", "--gecos", "--ingroup", "--firstuid", "--lastuid", "--conf", "--comment");

    @Override
    public void run(LintUnit unit, FindingSink sink) {
        for (Stage stage : unit.stages()) {
            boolean workdirSet = inheritedWorkdir(unit, stage);
            for (InstructionEntry e : stage.body()) {
                Workdir workdir = e.as(Workdir.class);
                if (workdir != null) {
                    String path = Texts.unquote(workdir.path());
                    boolean variable = path.startsWith("$");
                    if (!variable && !Texts.isAbsolutePath(path)) {
                        if (workdirSet) {
                            sink.report(HadolintRules.DL3000, unit.range(e), path); // BuildKit lets it be
                        } else {
                            sink.report(BuildkitRules.WORKDIR_RELATIVE_PATH, unit.range(e), path)
                                    .alsoKnownAs(HadolintRules.DL3000, unit.range(e), path);
                        }
                    }
                    workdirSet = true;
                }
                Copy copy = e.as(Copy.class);
                if (copy != null && !workdirSet) {
                    String dest = Texts.unquote(copy.destination());
                    if (!dest.startsWith("$") && !Texts.isAbsolutePath(dest)) {
                        sink.report(HadolintRules.DL3045, unit.rangeOf(e, copy.destination()), dest);
                    }
                }
                User user = e.as(User.class);
                if (user != null) {
                    userExists(unit, sink, stage, e, user);
                }
            }
        }
        lastUser(unit, sink);
    }

    private static boolean inheritedWorkdir(LintUnit unit, Stage stage) {
        List<Stage> chain = unit.lineage(stage);
        for (int i = 1; i < chain.size(); i++) {
            if (chain.get(i).body().stream().anyMatch(e -> e.as(Workdir.class) != null)) {
                return true;
            }
        }
        return false;
    }

    /** DL3002: the last USER of the final image, if any is written, must not be root. */
    private static void lastUser(LintUnit unit, FindingSink sink) {
        Stage target = unit.targetStage();
        if (target == null) {
            return;
        }
        for (Stage s : unit.lineage(target)) {
            List<InstructionEntry> body = s.body();
            for (int i = body.size() - 1; i >= 0; i--) {
                User user = body.get(i).as(User.class);
                if (user != null) {
                    String name = userName(user);
                    if (name.equals("root") || name.equals("0")) {
                        sink.report(HadolintRules.DL3002, unit.range(body.get(i)), Texts.unquote(user.user()));
                    }
                    return;
                }
            }
        }
    }

    private static String userName(User user) {
        String value = Texts.unquote(user.user());
        int colon = value.indexOf(':');
        return colon >= 0 ? value.substring(0, colon) : value;
    }

    /** UserNotYetCreated: a later RUN of the stage creates the user, or the stage has no /etc/passwd at all. */
    private static void userExists(LintUnit unit, FindingSink sink, Stage stage, InstructionEntry e, User user) {
        if (!sink.wants(JbuildRules.USER_NOT_YET_CREATED)) {
            return;
        }
        String name = userName(user);
        if (name.isEmpty() || name.contains("$") || name.chars().allMatch(Character::isDigit) || name.equals("root")) {
            return;
        }
        // Where each user is created in the stage's image, indexed once: asking the past of every USER anew
        // cost the square of the stage's length.
        List<Integer> creations = unit.<Map<String, List<Integer>>>derived("WorkdirUserChecks.created:" + stage.index(),
                () -> creationsByUser(unit, unit.image(stage))).getOrDefault(name, List.of());
        int position = unit.positionInImage(e);
        if (!creations.isEmpty() && creations.get(0) < position) {
            return;
        }
        InstructionEntry later = creations.stream().filter(at -> at > position).findFirst()
                .map(at -> unit.image(stage).get(at)).orElse(null);
        if (later != null) {
            sink.report(JbuildRules.USER_NOT_YET_CREATED, unit.range(e), name,
                    "is created only later, by the RUN on line " + later.raw().range().startLine() + ": move USER below it");
            return;
        }
        if (unit.rootOf(stage).fromScratch() && !unit.anyBefore(e, "WorkdirUserChecks.copiesEtc", WorkdirUserChecks::copiesEtc)) {
            sink.report(JbuildRules.USER_NOT_YET_CREATED, unit.range(e), name,
                    "cannot exist in a stage built on scratch without an /etc/passwd: use a numeric UID such as 65534");
        }
    }

    /** Each user a useradd or adduser of the image creates, with the positions (in {@code image}) of the RUNs that do. */
    private static Map<String, List<Integer>> creationsByUser(LintUnit unit, List<InstructionEntry> image) {
        Map<String, List<Integer>> created = new HashMap<>();
        for (int position = 0; position < image.size(); position++) {
            RunScript script = unit.runScript(image.get(position));
            if (script == null) {
                continue;
            }
            for (RunScript.Located located : script.invocations("useradd", "adduser")) {
                ShellCommand c = located.command();
                List<ShellWord> positional = c.positionals(c.is("useradd") ? USERADD_VALUE_OPTIONS : ADDUSER_VALUE_OPTIONS);
                if (!positional.isEmpty()) {
                    ShellWord user = c.is("useradd") ? positional.get(positional.size() - 1) : positional.get(0);
                    List<Integer> positions = created.computeIfAbsent(user.text(), k -> new ArrayList<>());
                    if (positions.isEmpty() || positions.get(positions.size() - 1) != position) {
                        positions.add(position);
                    }
                }
            }
        }
        return created;
    }

    private static boolean copiesEtc(InstructionEntry e) {
        Copy copy = e.as(Copy.class);
        Add add = e.as(Add.class);
        String dest = copy != null ? copy.destination() : add != null ? add.destination() : null;
        List<String> sources = copy != null ? copy.sources() : add != null ? add.sources() : List.of();
        return dest != null && (dest.startsWith("/etc") || dest.equals("/") || sources.stream().anyMatch(s -> s.contains("passwd")));
    }
}
