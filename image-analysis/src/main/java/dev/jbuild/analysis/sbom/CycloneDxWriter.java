package dev.jbuild.analysis.sbom;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * An SBOM as CycloneDX 1.6 JSON, written by the CycloneDX project's Java library. The image is the
 * metadata component; each package a library (or operating-system package) component with its purl,
 * licences and the layer that added it ({@code jbuild:layer:diff_id}, {@code jbuild:layer:index}). The
 * serial number is derived from the image ID and the timestamp is the image's creation time, so the same
 * image always gives the same document.
 */
public final class CycloneDxWriter {
    private CycloneDxWriter() {
    }

    public static byte[] write(Sbom sbom, Instant created) throws java.io.IOException {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(sbom.imageId().value().getBytes(StandardCharsets.UTF_8)));
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(created == null ? Instant.EPOCH : created));
        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setName(sbom.imageName());
        image.setVersion(sbom.imageId().value());
        image.setBomRef(sbom.imageId().value());
        metadata.setComponent(image);
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("jbuild");
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        bom.setMetadata(metadata);
        List<Component> components = new ArrayList<>();
        for (FoundPackage found : sbom.packages()) {
            components.add(component(found, sbom));
        }
        bom.setComponents(components);
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (org.cyclonedx.exception.GeneratorException e) {
            throw new java.io.IOException("the CycloneDX document could not be written: " + e.getMessage(), e);
        }
    }

    private static Component component(FoundPackage found, Sbom sbom) {
        Component component = new Component();
        component.setType(Component.Type.LIBRARY);
        component.setGroup(found.group());
        component.setName(found.name());
        component.setVersion(found.version());
        if (found.purl() != null) {
            component.setPurl(found.purl());
            component.setBomRef(found.purl() + (found.source().startsWith("/var/lib/") || found.source().startsWith("/lib/apk")
                    ? "" : "#" + found.source()));
        }
        if (!found.licenses().isEmpty()) {
            LicenseChoice licenses = new LicenseChoice();
            for (String name : found.licenses()) {
                License license = new License();
                license.setName(name);
                licenses.addLicense(license);
            }
            component.setLicenses(licenses);
        }
        List<Property> properties = new ArrayList<>();
        if (found.layer() >= 0) {
            properties.add(property("jbuild:layer:diff_id", sbom.layers().get(found.layer()).value()));
            properties.add(property("jbuild:layer:index", String.valueOf(found.layer())));
            String createdBy = sbom.createdBy().get(found.layer());
            if (!createdBy.isEmpty()) {
                properties.add(property("jbuild:layer:created_by", createdBy));
            }
        }
        properties.add(property("jbuild:source", found.source()));
        component.setProperties(properties);
        return component;
    }

    private static Property property(String name, String value) {
        Property property = new Property();
        property.setName(name);
        property.setValue(value);
        return property;
    }
}
