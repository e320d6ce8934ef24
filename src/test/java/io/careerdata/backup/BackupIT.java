package io.careerdata.backup;

import static io.careerdata.backup.BackupFixtures.BACKUPS;
import static io.careerdata.backup.BackupFixtures.backup;
import static io.careerdata.backup.BackupFixtures.runJob;
import static io.careerdata.backup.BackupFixtures.verify;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.packaging.PackagedAppStorage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A backup made, verified and rehearsed by the packaged application: the snapshot read over JDBC,
 * gzip, AES-GCM with the named key from its configuration, the manifest written and read back by
 * Jackson, the verification kept beside it, and a dry run that decrypts every file again.
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedAppStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BackupIT {

    @Test
    void shouldBackUpVerifyAndDryRunARestoreWithTheConfiguredKey() {
        UUID user = newUser();
        asUser(user).body(Map.of("name", "Backed-up Go", "level", "expert")).post("/api/v1/users/{u}/skills", user)
                .then().statusCode(201);

        String full = backup("full");
        JsonPath manifest = asAdmin().get(BACKUPS + "/{id}", full).then().statusCode(200).extract().jsonPath();
        assertThat(manifest.getString("type")).isEqualTo("full");
        assertThat(manifest.getString("encryption.keyName")).isEqualTo(PackagedAppStorage.KEY_NAME);
        assertThat(manifest.getLong("tables.find { it.name == 'skills' }.tableRows")).isPositive();
        String incremental = backup("incremental");
        assertThat(asAdmin().get(BACKUPS + "/{id}", incremental).then().extract().path("baseId").toString()).isEqualTo(full);

        JsonPath verified = verify(incremental);
        assertThat(verified.getString("state")).as(verified.getString("error")).isEqualTo("succeeded");
        assertThat(asAdmin().get(BACKUPS + "?size=100").then().statusCode(200).extract().jsonPath()
                .getBoolean("items.find { it.id == '" + incremental + "' }.verified.ok")).isTrue();
        JsonPath dryRun = runJob(BACKUPS + "/{id}/restore?dryRun=true", incremental);
        assertThat(dryRun.getString("state")).as(dryRun.getString("error")).isEqualTo("succeeded");

        JsonPath keys = asAdmin().get(BACKUPS + "/keys").then().statusCode(200).extract().jsonPath();
        assertThat(keys.getString("current")).isEqualTo(PackagedAppStorage.KEY_NAME);
        assertThat(keys.getList("keys.find { it.name == 'it' }.backups", String.class)).containsExactly(incremental, full);
        assertThat(keys.getList("missing")).isEmpty();
    }
}
