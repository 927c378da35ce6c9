package dev.jbuild.analysis.sbom;

import dev.jbuild.store.LayerStore;
import dev.jbuild.analysis.ImageInput;
import dev.jbuild.analysis.ImageLayers;
import dev.jbuild.analysis.LayerFiles;
import dev.jbuild.analysis.LayerScanner;
import dev.jbuild.analysis.MergedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the packages of an image: distribution packages from their databases, language packages from
 * their metadata files, each with the layer that added it. The image's file system is read from its
 * snapshot in the store (made once, as {@code export} does); which layer wrote what comes from one
 * pass over the layer tars, which also keeps each layer's copy of the package databases.
 */
public final class SbomScanner {
    /** Pseudo file systems and places no package lives, never walked. */
    private static final Set<String> SKIPPED = Set.of("proc", "sys", "dev", "run", "tmp", "var/cache", "var/log");
    private static final List<String> RPM_DATABASES = List.of("var/lib/rpm/Packages", "var/lib/rpm/Packages.db",
            "var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/Packages.db");

    private SbomScanner() {
    }

    public static Sbom scan(ImageInput input) throws IOException {
        ImageLayers layers = input.layers();
        Map<Integer, String> dpkg = new TreeMap<>();
        Map<Integer, String> apk = new TreeMap<>();
        List<LayerFiles> files = LayerScanner.scan(layers, false, (layer, path, header, data) -> {
            if (path.equals(OsPackages.DPKG_STATUS)) {
                dpkg.put(layer, new String(data.readAllBytes(), StandardCharsets.UTF_8));
            } else if (path.equals(OsPackages.APK_INSTALLED)) {
                apk.put(layer, new String(data.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
        Map<String, MergedTree.Node> tree = MergedTree.of(files).nodes();
        try (LayerStore.Merged merged = input.store().layers().merged(input.image())) {
            return scan(input, layers, merged.rootfs(), dpkg, apk, tree);
        }
    }

    private static Sbom scan(ImageInput input, ImageLayers layers, Path rootfs, Map<Integer, String> dpkg,
                             Map<Integer, String> apk, Map<String, MergedTree.Node> tree) throws IOException {
        OsRelease os = OsRelease.read(rootfs);
        List<FoundPackage> packages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Path status = rootfs.resolve("var/lib/dpkg/status");
        if (Files.isRegularFile(status)) {
            packages.addAll(OsPackages.dpkg(rootfs, Files.readString(status, StandardCharsets.UTF_8), dpkg, os));
        }
        Path installed = rootfs.resolve("lib/apk/db/installed");
        if (Files.isRegularFile(installed)) {
            packages.addAll(OsPackages.apk(Files.readString(installed, StandardCharsets.UTF_8), apk, os));
        }
        for (String database : RPM_DATABASES) {
            if (Files.isRegularFile(rootfs.resolve(database))) {
                warnings.add("the RPM database /" + database + " is not read (no maintained Java reader of the "
                        + "rpmdb exists); RPM packages are not listed");
                break;
            }
        }
        for (FoundPackage found : languagePackages(rootfs)) {
            MergedTree.Node node = tree.get(found.source());
            packages.add(found.withLayer(node == null ? -1 : node.layer()));
        }
        packages.sort(Comparator.comparing(FoundPackage::ecosystem).thenComparing(p -> p.group() == null ? "" : p.group())
                .thenComparing(FoundPackage::name).thenComparing(FoundPackage::version)
                .thenComparing(FoundPackage::source));
        List<String> createdBy = layers.createdBy();
        return new Sbom(input.name(), input.image().id(), input.image().diffIds(), createdBy, os.distro(), packages,
                warnings);
    }

    private static List<FoundPackage> languagePackages(Path rootfs) throws IOException {
        List<FoundPackage> out = new ArrayList<>();
        Files.walkFileTree(rootfs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String relative = rootfs.relativize(dir).toString();
                return SKIPPED.contains(relative) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    out.addAll(LanguagePackages.of(file, "/" + rootfs.relativize(file)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }
}
