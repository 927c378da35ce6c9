package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.Heredoc;
import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.shell.HeredocMarker;
import dev.jbuild.parser.shell.HeredocMarkers;
import dev.jbuild.parser.shell.ShellExpansionException;
import java.util.ArrayList;
import java.util.List;

/** ADD, COPY, VOLUME and WORKDIR: the instructions about paths. */
final class FileParsers {
    private FileParsers() {}

    static Add add(RawInstruction raw) {
        ArgumentRules.atLeastTwo(raw);
        ParsedFlags flags = FlagSet.none()
                .string("chown")
                .string("chmod")
                .bool("link")
                .repeatable("exclude")
                .bool("keep-git-dir")
                .string("checksum")
                .bool("unpack")
                .parse(raw.flags());
        Sources sources = Sources.of(raw);
        String chmod = checkedChmod(flags);
        return new Add(sources.paths(), sources.heredocs(), sources.destination(), flags.string("chown"), chmod,
                flags.isTrue("link"), flags.strings("exclude"), flags.isTrue("keep-git-dir"),
                flags.string("checksum"), flags.bool("unpack"), raw.range());
    }

    static Copy copy(RawInstruction raw) {
        ArgumentRules.atLeastTwo(raw);
        ParsedFlags flags = FlagSet.none()
                .string("from")
                .string("chown")
                .string("chmod")
                .bool("link")
                .bool("parents")
                .repeatable("exclude")
                .parse(raw.flags());
        Sources sources = Sources.of(raw);
        String chmod = checkedChmod(flags);
        return new Copy(sources.paths(), sources.heredocs(), sources.destination(), flags.string("from"),
                flags.string("chown"), chmod, flags.isTrue("link"), flags.isTrue("parents"),
                flags.strings("exclude"), raw.range());
    }

    static Volume volume(RawInstruction raw) {
        ArgumentRules.atLeastOne(raw);
        ArgumentRules.noFlags(raw);
        List<String> paths = new ArrayList<>();
        for (String arg : raw.args()) {
            String path = arg.strip();
            if (path.isEmpty()) {
                throw new InstructionException("VOLUME specified can not be an empty string");
            }
            paths.add(path);
        }
        return new Volume(paths, raw.jsonForm(), raw.range());
    }

    static Workdir workdir(RawInstruction raw) {
        ArgumentRules.exactlyOne(raw);
        ArgumentRules.noFlags(raw);
        return new Workdir(raw.args().get(0), raw.range());
    }

    private static String checkedChmod(ParsedFlags flags) {
        String chmod = flags.string("chmod");
        if (chmod != null) {
            Chmod.check(chmod);
        }
        return chmod;
    }

    /** The last argument is the destination; earlier heredoc markers become inline files. */
    private record Sources(List<String> paths, List<Heredoc> heredocs, String destination) {
        static Sources of(RawInstruction raw) {
            List<String> args = raw.args();
            String destination = args.get(args.size() - 1);
            if (heredocName(destination) != null) {
                throw new InstructionException(raw.name() + " cannot accept a heredoc as a destination");
            }
            List<String> paths = new ArrayList<>();
            List<Heredoc> heredocs = new ArrayList<>();
            for (String source : args.subList(0, args.size() - 1)) {
                String name = heredocName(source);
                if (name == null) {
                    paths.add(source);
                } else {
                    heredocs.add(body(raw, name));
                }
            }
            return new Sources(paths, heredocs, destination);
        }

        /** The delimiter if the word is a heredoc marker ({@code <<EOF}, {@code <<-"EOF"}), else null. */
        private static String heredocName(String word) {
            try {
                List<HeredocMarker> markers = HeredocMarkers.find(word);
                return markers.size() == 1 ? markers.get(0).name() : null;
            } catch (ShellExpansionException e) {
                return null;
            }
        }

        /** The body the syntax layer read for that name; BuildKit uses an empty one if none. */
        private static Heredoc body(RawInstruction raw, String name) {
            Heredoc found = null;
            for (Heredoc heredoc : raw.heredocs()) {
                if (heredoc.name().equals(name)) {
                    found = heredoc; // the last one wins, as in BuildKit's lookup map
                }
            }
            return found != null ? found : new Heredoc(name, 0, true, false, "");
        }
    }
}
