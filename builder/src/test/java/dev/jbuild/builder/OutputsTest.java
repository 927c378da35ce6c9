package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.builder.output.ImageArchiveWriter;
import dev.jbuild.builder.output.OutputTarget;
import dev.jbuild.builder.output.Outputs;
import dev.jbuild.layertar.TarHeader;
import dev.jbuild.layertar.TarReader;
import dev.jbuild.store.ImageStore;
import dev.jbuild.transfer.ImageLoader;
import dev.jbuild.transfer.ImageSaver;
import dev.jbuild.transfer.LoadOptions;
import dev.jbuild.transfer.LoadedImage;
import dev.jbuild.transfer.SaveOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output targets as an engine API: a real build written to each, read back, no CLI involved. */
class OutputsTest extends BuilderTest {
    private static BuildResult result;

    @TempDir
    Path out;

    /** The saver the CLI wires in, over the same store. */
    private static ImageArchiveWriter saver(ImageStore store) {
        ImageSaver saver = new ImageSaver(store);
        return new ImageArchiveWriter() {
            @Override
            public void write(List<String> names, OutputTarget.ArchiveFormat format, OutputStream stream) throws IOException {
                saver.save(names, SaveOptions.defaults(), stream);
            }

            @Override
            public void write(List<String> names, OutputTarget.ArchiveFormat format, Path file) throws IOException {
                saver.saveToFile(names, SaveOptions.defaults(), file);
            }
        };
    }

    @BeforeAll
    static void build() throws Exception {
        result = fixture.build("FROM scratch\nCOPY hello /greeting/hello\n", context());
    }

    private static Path context() throws IOException {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(context.resolve("hello"), "hi\n");
        return context;
    }

    private static Outputs outputs() {
        return new Outputs(fixture.builder.diffs(), Optional.of(saver(fixture.store)));
    }

    @Test
    void localWritesTheRootFilesystemIntoADirectory() throws IOException {
        outputs().write(result, List.of(), null, new OutputTarget.Local(out.resolve("rootfs")));
        assertEquals("hi\n", Files.readString(out.resolve("rootfs/greeting/hello")));
    }

    @Test
    void aRootfsTarToAFileAndToAStreamHoldTheSameEntries() throws IOException {
        Path file = out.resolve("rootfs.tar");
        outputs().write(result, List.of(), 0L, new OutputTarget.RootfsTar(new OutputTarget.Destination.ToFile(file)));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        outputs().write(result, List.of(), 0L, new OutputTarget.RootfsTar(new OutputTarget.Destination.ToStream(stream)));

        List<String> fromFile;
        try (InputStream in = Files.newInputStream(file)) {
            fromFile = names(in);
        }
        assertTrue(fromFile.contains("greeting/hello"), fromFile.toString());
        assertEquals(fromFile, names(new ByteArrayInputStream(stream.toByteArray())));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(file), stream.toByteArray()), "the same bytes either way");
    }

    @Test
    void anImageArchiveLoadsBackAsTheSameImage() throws IOException {
        Path file = out.resolve("image.tar");
        outputs().write(result, List.of(), null,
                new OutputTarget.ImageArchive(OutputTarget.ArchiveFormat.OCI, new OutputTarget.Destination.ToFile(file)));

        try (ImageStore other = ImageStore.open(out.resolve("other-store"));
             InputStream in = Files.newInputStream(file)) {
            List<LoadedImage> loaded = new ImageLoader(other).load(in, LoadOptions.defaults());
            assertEquals(1, loaded.size());
            assertEquals(result.image().id(), loaded.get(0).id());
        }
    }

    @Test
    void theImageTargetWritesNothingAndAnArchiveNeedsAWriter() throws IOException {
        outputs().write(result, List.of(), null, new OutputTarget.Image());
        assertEquals(List.of(), Files.list(out).toList());

        Outputs withoutWriter = new Outputs(fixture.builder.diffs(), Optional.empty());
        assertThrows(IllegalStateException.class, () -> withoutWriter.write(result, List.of(), null,
                new OutputTarget.ImageArchive(OutputTarget.ArchiveFormat.DOCKER, new OutputTarget.Destination.ToFile(out.resolve("x.tar")))));
    }

    private static List<String> names(InputStream tar) throws IOException {
        List<String> names = new ArrayList<>();
        TarReader reader = new TarReader(tar);
        for (TarHeader header = reader.next(); header != null; header = reader.next()) {
            names.add(header.name());
        }
        return names;
    }
}
