package io.careerdata.export;

import static io.careerdata.export.ExportFiles.download;
import static io.careerdata.export.ExportFiles.fromCsv;
import static io.careerdata.export.ExportFiles.fromJson;
import static io.careerdata.export.ExportFiles.fromXml;
import static io.careerdata.export.ExportFiles.requestReady;
import static io.careerdata.export.ExportFiles.unzip;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.packaging.PackagedAppStorage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A GDPR export in each file format made by the packaged application and read back: the JSON
 * generator, the JDK's StAX writer and the ZIP streams all run in the artifact under test.
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedAppStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ExportIT {

    @Test
    void shouldExportTheOwnersDataInJsonXmlAndCsv() throws Exception {
        UUID owner = newUser();
        asUser(owner).body(Map.of("name", "Packaged Rust", "level", "expert")).post("/api/v1/users/{u}/skills", owner)
                .then().statusCode(201);

        Map<String, List<Map<String, String>>> json = fromJson(download(owner,
                requestReady(asUser(owner), owner, Map.of("format", "json"))));
        Map<String, List<Map<String, String>>> xml = fromXml(download(owner,
                requestReady(asUser(owner), owner, Map.of("format", "xml"))));
        Map<String, byte[]> zip = unzip(download(owner, requestReady(asUser(owner), owner, Map.of("format", "csv"))));

        for (Map<String, List<Map<String, String>>> exported : List.of(json, xml)) {
            assertThat(exported.get("skills")).extracting(row -> row.get("name")).containsExactly("Packaged Rust");
            assertThat(exported.get("profile")).extracting(row -> row.get("id")).containsExactly(owner.toString());
        }
        assertThat(fromCsv(zip, "").get("skills")).extracting(row -> row.get("name")).containsExactly("Packaged Rust");
    }
}
