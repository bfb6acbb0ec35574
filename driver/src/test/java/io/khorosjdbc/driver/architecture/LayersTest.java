package io.khorosjdbc.driver.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver's packages depend one way, as docs/architecture.md draws them: {@code jdbc -> sql ->
 * export -> catalog -> api, format}, with {@code error} (the exception that carries a SQLState)
 * below the layers that raise it. A backward arrow fails the build.
 */
class LayersTest {
  private static final String DRIVER = "io.khorosjdbc.driver";
  private static JavaClasses driver;

  @BeforeAll
  static void importMainClasses() {
    driver =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(DRIVER);
  }

  @Test
  void dependenciesRunOneWayFromJdbcDownToApiAndFormat() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("jdbc")
        .definedBy(DRIVER + ".jdbc..")
        .layer("sql")
        .definedBy(DRIVER + ".sql..")
        .layer("export")
        .definedBy(DRIVER + ".export..")
        .layer("catalog")
        .definedBy(DRIVER + ".catalog..")
        .layer("api")
        .definedBy(DRIVER + ".api..")
        .layer("format")
        .definedBy(DRIVER + ".format..")
        .layer("error")
        .definedBy(DRIVER + ".error..")
        .whereLayer("jdbc")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("sql")
        .mayOnlyBeAccessedByLayers("jdbc")
        .whereLayer("export")
        .mayOnlyBeAccessedByLayers("jdbc", "sql")
        .whereLayer("catalog")
        .mayOnlyBeAccessedByLayers("jdbc", "sql", "export")
        .whereLayer("api")
        .mayOnlyBeAccessedByLayers("jdbc", "sql", "export", "catalog")
        .whereLayer("format")
        .mayOnlyBeAccessedByLayers("jdbc", "sql", "export", "catalog")
        .whereLayer("error")
        .mayOnlyBeAccessedByLayers("jdbc", "sql", "export", "catalog")
        .check(driver);
  }

  @Test
  void theSqlSideSpeaksNoHttp() {
    noClasses()
        .that()
        .resideInAPackage(DRIVER + ".sql..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("okhttp3..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(DRIVER + ".api.AnalyticsClient")
        .because(
            "teams and time zones come through api.TenantDirectory, exports through "
                + "export.ExportSession")
        .check(driver);
  }

  @Test
  void apiAndFormatKnowNothingOfEachOther() {
    noClasses()
        .that()
        .resideInAPackage(DRIVER + ".api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(DRIVER + ".format..")
        .check(driver);
    noClasses()
        .that()
        .resideInAPackage(DRIVER + ".format..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(DRIVER + ".api..")
        .check(driver);
  }
}
