package io.careerdata.skill;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The skill CRUD suite (create, list, get, update, delete, ownership, validation) against the packaged application. */
@QuarkusIntegrationTest
class SkillResourceIT extends SkillResourceTest {
}
