package dev.jbuild.builder.files;

import dev.jbuild.parser.ignore.DockerIgnore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Docker's COPY source/destination rules as a table: a context tree, an existing target tree, one COPY, and
 * the exact resulting target tree (or BuildKit's error). Behaviours marked "docker:" were observed with
 * Docker 20.10 + BuildKit on this machine.
 */
class CopySemanticsTest {
    @TempDir
    Path temp;

    static Stream<Arguments> cases() {
        String src = """
                d src
                f src/a 1
                d src/sub 0750
                f src/sub/b 2 0600
                """;
        return Stream.of(
                arguments("file to a directory ending in / goes inside it", "f a.txt hi", "",
                        copy("/dst/", b -> b.source("a.txt")),
                        "dst d 0755 0:0\ndst/a.txt f 0644 0:0 = hi"),
                arguments("file to a new name becomes that name", "f a.txt hi", "",
                        copy("/dst/b.txt", b -> b.source("a.txt")),
                        "dst d 0755 0:0\ndst/b.txt f 0644 0:0 = hi"),
                arguments("file to an existing directory without slash goes inside it (docker:)", "f a.txt hi",
                        "d opt 0700", copy("/opt", b -> b.source("a.txt")),
                        "opt d 0700 0:0\nopt/a.txt f 0644 0:0 = hi"),
                arguments("directory copies its contents, not itself (docker:)", src, "",
                        copy("/dst", b -> b.source("src")),
                        "dst d 0755 0:0\ndst/a f 0644 0:0 = 1\ndst/sub d 0750 0:0\ndst/sub/b f 0600 0:0 = 2"),
                arguments("existing destination directory keeps its own mode (docker:)", src, "d dst 0700",
                        copy("/dst", b -> b.source("src")),
                        "dst d 0700 0:0\ndst/a f 0644 0:0 = 1\ndst/sub d 0750 0:0\ndst/sub/b f 0600 0:0 = 2"),
                arguments("existing directory below the destination takes the source's mode", src,
                        "d dst\nd dst/sub 0700", copy("/dst/", b -> b.source("src")),
                        "dst d 0755 0:0\ndst/a f 0644 0:0 = 1\ndst/sub d 0750 0:0\ndst/sub/b f 0600 0:0 = 2"),
                arguments("several sources to a directory ending in /", "f a.txt A\nf b.txt B", "",
                        copy("/dst/", b -> b.source("a.txt", "b.txt")),
                        "dst d 0755 0:0\ndst/a.txt f 0644 0:0 = A\ndst/b.txt f 0644 0:0 = B"),
                arguments("several sources to a new name is an error", "f a.txt A\nf b.txt B", "",
                        copy("/dst", b -> b.source("a.txt", "b.txt")),
                        "ERROR When using COPY with more than one source file, the destination must be a directory and end with a /"),
                arguments("several sources to an existing directory without slash go inside it", "f a.txt A\nf b.txt B",
                        "d dst", copy("/dst", b -> b.source("a.txt", "b.txt")),
                        "dst d 0755 0:0\ndst/a.txt f 0644 0:0 = A\ndst/b.txt f 0644 0:0 = B"),
                arguments("wildcard selects matching files", "f a.txt A\nf b.txt B\nf c.md C", "",
                        copy("/dst/", b -> b.source("*.txt")),
                        "dst d 0755 0:0\ndst/a.txt f 0644 0:0 = A\ndst/b.txt f 0644 0:0 = B"),
                arguments("wildcard matching a directory copies its contents (docker:)",
                        "f dir1/a 1\nf dir1/sub/b 2\nf dir2/c 3\nf dirfile 4", "",
                        copy("/d/", b -> b.source("dir*")),
                        "d d 0755 0:0\nd/a f 0644 0:0 = 1\nd/c f 0644 0:0 = 3\nd/dirfile f 0644 0:0 = 4\n"
                                + "d/sub d 0755 0:0\nd/sub/b f 0644 0:0 = 2"),
                arguments("wildcard in a directory component (docker:)", "f dir1/a 1\nf dir2/a 2\nf dir2/b 3", "",
                        copy("/x/", b -> b.source("dir1*/a")),
                        "x d 0755 0:0\nx/a f 0644 0:0 = 1"),
                arguments("wildcard matching nothing copies nothing (docker:)", "f a.txt A", "",
                        copy("/dst/", b -> b.source("*.nope")), ""),
                arguments("wildcard matching several files to a new name is an error", "f a.txt A\nf b.txt B", "",
                        copy("/dst", b -> b.source("*.txt")),
                        "ERROR When using COPY with more than one source file, the destination must be a directory and end with a /"),
                arguments("missing source is an error naming it (docker:)", "f a.txt A", "",
                        copy("/dst/", b -> b.source("missing.txt")),
                        "ERROR failed to compute cache key: \"/missing.txt\": not found"),
                arguments("../ is cleaned to inside the context (docker:)", "f a.txt A", "",
                        copy("/dst/", b -> b.source("../../sub/../a.txt")),
                        "dst d 0755 0:0\ndst/a.txt f 0644 0:0 = A"),
                arguments("symlinks inside a copied directory stay symlinks (docker:)",
                        "f src/real x\nl src/link real\nl src/abs /etc/passwd", "",
                        copy("/dst/", b -> b.source("src")),
                        "dst d 0755 0:0\ndst/abs l 0:0 -> /etc/passwd\ndst/link l 0:0 -> real\ndst/real f 0644 0:0 = x"),
                arguments("a symlink named as the source is followed, the copy keeps its name (docker:)",
                        "f real.txt target\nl link.txt real.txt", "",
                        copy("/dst/", b -> b.source("link.txt")),
                        "dst d 0755 0:0\ndst/link.txt f 0644 0:0 = target"),
                arguments("a source symlink pointing outside resolves inside the context (docker:)",
                        "f etc/passwd fake\nl abs /etc/passwd\nl rel ../../etc/passwd", "",
                        copy("/d/", b -> b.source("abs", "rel")),
                        "d d 0755 0:0\nd/abs f 0644 0:0 = fake\nd/rel f 0644 0:0 = fake"),
                arguments("a source symlink to a directory copies the directory's contents (docker:)",
                        "f dir/f in\nl dirlink dir", "",
                        copy("/dl/", b -> b.source("dirlink")),
                        "dl d 0755 0:0\ndl/f f 0644 0:0 = in"),
                arguments("a .dockerignore'd file cannot be copied (docker:)", "f secret.txt s", "",
                        copy("/d/", b -> b.source("secret.txt").ignore(DockerIgnore.parse("secret.txt"))),
                        "ERROR failed to compute cache key: \"/secret.txt\": not found"),
                arguments(".dockerignore'd files are left out of a directory copy, '!' brings files back (docker:)",
                        "f keep.txt 1\nf secret.txt 2\nf sub/deep/x 3\nf sub/y 4", "",
                        copy("/d/", b -> b.source(".").ignore(DockerIgnore.parse("secret.txt\nsub\n!sub/deep/x"))),
                        "d d 0755 0:0\nd/keep.txt f 0644 0:0 = 1\nd/sub d 0755 0:0\nd/sub/deep d 0755 0:0\n"
                                + "d/sub/deep/x f 0644 0:0 = 3"),
                arguments("--exclude leaves matching entries of a directory out", "f app/a.go A\nf app/b.md B\nf app/docs/c.md C\nf app/node_modules/m M", "",
                        copy("/d/", b -> b.source("app").exclude("*.md", "node_modules")),
                        "d d 0755 0:0\nd/a.go f 0644 0:0 = A\nd/docs d 0755 0:0\nd/docs/c.md f 0644 0:0 = C"),
                arguments("--exclude applies to wildcard matches", "f home.txt 1\nf homer.md 2\nf hommie 3", "",
                        copy("/mydir/", b -> b.source("hom*").exclude("*.txt", "*.md")),
                        "mydir d 0755 0:0\nmydir/hommie f 0644 0:0 = 3"),
                arguments("--parents keeps the full relative path", "f a/b/c.txt C\nf a/x.txt X", "",
                        copy("/d/", b -> b.source("a/b/c.txt").parents(true)),
                        "d d 0755 0:0\nd/a d 0755 0:0\nd/a/b d 0755 0:0\nd/a/b/c.txt f 0644 0:0 = C"),
                arguments("--parents keeps the path below a /./ marker", "f a/b/c.txt C", "",
                        copy("/d/", b -> b.source("./a/./b/c.txt").parents(true)),
                        "d d 0755 0:0\nd/b d 0755 0:0\nd/b/c.txt f 0644 0:0 = C"),
                arguments("--parents with a wildcard keeps each match's directories",
                        "f x/package.json 1\nf y/package.json 2\nf y/other 3\nf z/lib/package.json 4", "",
                        copy("/app/", b -> b.source("*/package.json").parents(true)),
                        "app d 0755 0:0\napp/x d 0755 0:0\napp/x/package.json f 0644 0:0 = 1\n"
                                + "app/y d 0755 0:0\napp/y/package.json f 0644 0:0 = 2"),
                arguments("--parents of a missing path is an error", "f a/x.txt X", "",
                        copy("/d/", b -> b.source("a/missing.txt").parents(true)),
                        "ERROR failed to compute cache key: \"/a/missing.txt\": not found"),
                arguments("--chmod octal applies to files, directories and the created destination", src, "",
                        copy("/d", b -> b.source("src").chmod("0751")),
                        "d d 0751 0:0\nd/a f 0751 0:0 = 1\nd/sub d 0751 0:0\nd/sub/b f 0751 0:0 = 2"),
                arguments("--chmod symbolic edits each entry's own mode", src, "",
                        copy("/d/", b -> b.source("src").chmod("u+x,g-r,o=X")),
                        "d d 0711 0:0\nd/a f 0700 0:0 = 1\nd/sub d 0711 0:0\nd/sub/b f 0700 0:0 = 2"),
                arguments("--chown ids apply to copied entries and created directories (docker:)", src, "",
                        copy("/d/p/q/", b -> b.source("src").owner(1000, 1001)),
                        "d d 0755 1000:1001\nd/p d 0755 1000:1001\nd/p/q d 0755 1000:1001\n"
                                + "d/p/q/a f 0644 1000:1001 = 1\nd/p/q/sub d 0750 1000:1001\n"
                                + "d/p/q/sub/b f 0600 1000:1001 = 2"),
                arguments("context files are owned by 0:0 whatever their owner on disk (docker:)",
                        "f a.txt A 0640 1234:4321", "", copy("/d/", b -> b.source("a.txt")),
                        "d d 0755 0:0\nd/a.txt f 0640 0:0 = A"),
                arguments("heredoc becomes a 0644 file named after it", "", "",
                        copy("/d/", b -> b.heredoc("script.sh", "echo hi\n")),
                        "d d 0755 0:0\nd/script.sh f 0644 0:0 = echo hi|"),
                arguments("heredoc to a file destination takes that name", "", "",
                        copy("/d/run.sh", b -> b.heredoc("EOF", "x")),
                        "d d 0755 0:0\nd/run.sh f 0644 0:0 = x"),
                arguments("empty directory source creates the destination directory (docker:)", "d empty", "",
                        copy("/e", b -> b.source("empty")), "e d 0755 0:0"),
                arguments("a file cannot replace a directory below the destination", "f src/a.txt A",
                        "d dst/a.txt", copy("/dst/", b -> b.source("src")),
                        "ERROR cannot replace to directory /dst/a.txt with file"),
                arguments("a directory cannot be copied onto an existing file", "f src/a A", "f dst old",
                        copy("/dst", b -> b.source("src")),
                        "ERROR cannot copy to non-directory: /dst"),
                arguments("a file replaces an existing file", "f a.txt new", "f dst/a.txt old",
                        copy("/dst/", b -> b.source("a.txt")),
                        "dst d 0755 0:0\ndst/a.txt f 0644 0:0 = new"),
                arguments("destination through a target symlink lands where it points, inside the target",
                        "f a.txt A", "d opt\nl link /opt", copy("/link/", b -> b.source("a.txt")),
                        "link l 0:0 -> /opt\nopt d 0755 0:0\nopt/a.txt f 0644 0:0 = A"),
                arguments(".dockerignore'd files are invisible to wildcards", "f a.txt A\nf secret.txt S", "",
                        copy("/d/", b -> b.source("*.txt").ignore(DockerIgnore.parse("secret.txt"))),
                        "d d 0755 0:0\nd/a.txt f 0644 0:0 = A"),
                arguments("several directory sources to a new name merge their contents", "f x/a A\nf y/b B", "",
                        copy("/m", b -> b.source("x", "y")),
                        "m d 0755 0:0\nm/a f 0644 0:0 = A\nm/b f 0644 0:0 = B"),
                arguments("a wildcard base that does not exist is an error (docker: lstat ... no such file)", "f a A", "",
                        copy("/d/", b -> b.source("nodir/*.txt")),
                        "ERROR failed to compute cache key: \"/nodir\": not found"),
                arguments("source root as '.' copies the whole context", "f a A\nf b/c C", "",
                        copy("/w/", b -> b.source(".")),
                        "w d 0755 0:0\nw/a f 0644 0:0 = A\nw/b d 0755 0:0\nw/b/c f 0644 0:0 = C"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void copyFollowsDockerRules(String name, String context, String targetBefore, Copy copy, String expected)
            throws Exception {
        Path contextDir = temp.resolve("context");
        Path target = temp.resolve("target");
        TreeFixture.create(contextDir, context);
        TreeFixture.create(target, targetBefore);
        CopyRequest.Builder builder = CopyRequest.builder(copy.destination(), target).fromContext(contextDir);
        copy.customise().accept(builder);
        CopyRequest request = builder.build();
        DockerFileCopier copier = new DockerFileCopier(null);
        if (expected.startsWith("ERROR ")) {
            CopyException error = assertThrows(CopyException.class, () -> {
                copier.checksum(request);
                copier.copy(request);
            });
            assertEquals(expected.substring("ERROR ".length()), error.getMessage());
            return;
        }
        copier.checksum(request);
        copier.copy(request);
        assertEquals(expected, TreeFixture.list(target));
    }

    record Copy(String destination, Consumer<CopyRequest.Builder> customise) {
        @Override
        public String toString() {
            return "COPY → " + destination;
        }
    }

    private static Copy copy(String destination, Consumer<CopyRequest.Builder> customise) {
        return new Copy(destination, customise);
    }
}
