package dev.jbuild.analysis.sbom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.jacksonstore.MultiFormatStore;
import org.spdx.library.ModelCopyManager;
import org.spdx.library.SpdxModelFactory;
import org.spdx.library.model.v2.ExternalRef;
import org.spdx.library.model.v2.ReferenceType;
import org.spdx.library.model.v2.SpdxDocument;
import org.spdx.library.model.v2.SpdxPackage;
import org.spdx.library.model.v2.Version;
import org.spdx.library.model.v2.enumerations.ReferenceCategory;
import org.spdx.library.model.v2.enumerations.RelationshipType;
import org.spdx.library.model.v2.license.SpdxNoAssertionLicense;
import org.spdx.storage.IModelStore;
import org.spdx.storage.simple.InMemSpdxStore;

/**
 * An SBOM as SPDX 2.3 JSON, written by the SPDX project's Java library and its Jackson store. The
 * document describes one package for the image, which CONTAINS every package found; each package has
 * its purl as a PACKAGE-MANAGER external reference, its recorded licences as the declared licence text
 * in a comment (Debian's licence names are not SPDX expressions, so nothing is concluded), and the layer
 * that added it in its comment.
 */
public final class SpdxWriter {
    private static final String NOASSERTION = "NOASSERTION";
    private static volatile boolean initialised;

    private SpdxWriter() {
    }

    public static byte[] write(Sbom sbom, Instant created) throws IOException {
        init();
        try {
            MultiFormatStore store = new MultiFormatStore(new InMemSpdxStore(), MultiFormatStore.Format.JSON_PRETTY);
            ModelCopyManager copies = new ModelCopyManager();
            String uri = "https://jbuild.dev/spdx/" + sbom.imageId().hex();
            SpdxDocument document = new SpdxDocument(store, uri, copies, true);
            document.setSpecVersion(Version.TWO_POINT_THREE_VERSION);
            document.setName(sbom.imageName());
            document.setCreationInfo(document.createCreationInfo(List.of("Tool: jbuild"),
                    DateTimeFormatter.ISO_INSTANT.format((created == null ? Instant.EPOCH : created)
                            .atOffset(ZoneOffset.UTC).withNano(0).toInstant())));
            SpdxPackage image = document.createPackage(store.getNextId(IModelStore.IdType.SpdxId), sbom.imageName(),
                            new SpdxNoAssertionLicense(), NOASSERTION, new SpdxNoAssertionLicense())
                    .setVersionInfo(sbom.imageId().value()).setDownloadLocation(NOASSERTION).setFilesAnalyzed(false)
                    .build();
            document.getDocumentDescribes().add(image);
            ReferenceType purl = new ReferenceType("http://spdx.org/rdf/references/purl");
            for (FoundPackage found : sbom.packages()) {
                SpdxPackage.SpdxPackageBuilder builder = document.createPackage(
                                store.getNextId(IModelStore.IdType.SpdxId), found.name(), new SpdxNoAssertionLicense(),
                                NOASSERTION, new SpdxNoAssertionLicense())
                        .setVersionInfo(found.version()).setDownloadLocation(NOASSERTION).setFilesAnalyzed(false)
                        .setComment(comment(found, sbom));
                if (found.purl() != null) {
                    ExternalRef ref = document.createExternalRef(ReferenceCategory.PACKAGE_MANAGER, purl, found.purl(),
                            null);
                    builder.addExternalRef(ref);
                }
                if (!found.licenses().isEmpty()) {
                    builder.setLicenseComments("recorded: " + String.join("; ", found.licenses()));
                }
                SpdxPackage spdxPackage = builder.build();
                image.addRelationship(document.createRelationship(spdxPackage, RelationshipType.CONTAINS, null));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.serialize(out);
            return out.toByteArray();
        } catch (InvalidSPDXAnalysisException e) {
            throw new IOException("the SPDX document could not be written: " + e.getMessage(), e);
        }
    }

    private static String comment(FoundPackage found, Sbom sbom) {
        String where = "source: " + found.source();
        if (found.layer() < 0) {
            return where;
        }
        return where + "; layer " + found.layer() + " " + sbom.layers().get(found.layer()).value();
    }

    private static void init() {
        if (!initialised) {
            synchronized (SpdxWriter.class) {
                if (!initialised) {
                    // The licence list ships in the library's jar; never fetch it from the network.
                    System.setProperty("org.spdx.useJARLicenseInfoOnly", "true");
                    SpdxModelFactory.init();
                    initialised = true;
                }
            }
        }
    }
}
