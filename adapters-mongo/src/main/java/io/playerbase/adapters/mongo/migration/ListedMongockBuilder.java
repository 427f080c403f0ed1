package io.playerbase.adapters.mongo.migration;

import io.mongock.api.config.MongockConfiguration;
import io.mongock.runner.core.builder.BuilderType;
import io.mongock.runner.core.executor.ExecutorBuilderDefault;
import io.mongock.runner.core.executor.changelog.ChangeLogService;
import io.mongock.runner.core.executor.system.changes.SystemChangeUnit00001;
import io.mongock.runner.standalone.base.StandaloneBuilderBase;
import io.mongock.runner.standalone.base.migration.RunnerStandaloneBuilderBase;

import java.util.List;
import java.util.Map;

/**
 * Mongock's standalone builder ({@code MongockStandalone.builder()}), except that Mongock's own system change
 * units are listed instead of found by scanning: Mongock looks for them with two class-path scans per run,
 * and in the service's single jar each scan walks all of its ~30,000 entries, a tenth of a fresh start.
 * Playerbase's change units are given as classes anyway ({@link ChangeUnits}). {@code ListedMongockBuilderTest}
 * checks the list against a scan of Mongock's jar, so an upgrade that adds a system unit fails the build.
 */
final class ListedMongockBuilder extends StandaloneBuilderBase<ListedMongockBuilder, MongockConfiguration>
        implements RunnerStandaloneBuilderBase<ListedMongockBuilder, MongockConfiguration> {

    /** Each package Mongock scans for system change units, with what a scan finds there (Mongock 5.5.1). */
    static final Map<String, List<Class<?>>> SYSTEM_CHANGE_UNITS = Map.of(
            "io.mongock.runner.core.executor.system.changes", List.of(SystemChangeUnit00001.class));

    ListedMongockBuilder() {
        super(BuilderType.COMMUNITY, new ExecutorBuilderDefault(), new ListedChangeLogService(), new MongockConfiguration());
    }

    @Override
    public ListedMongockBuilder getInstance() {
        return this;
    }

    /** Turns the packages Mongock would scan into the classes listed for them; an unknown package is an error. */
    private static final class ListedChangeLogService extends ChangeLogService {

        @Override
        public void setChangeLogsBasePackageList(List<String> packages) {
            if (packages.isEmpty()) {
                // The migration run: its change units come as classes, set right after this.
                super.setChangeLogsBasePackageList(packages);
                return;
            }
            List<Class<?>> classes = packages.stream().flatMap(name -> {
                List<Class<?>> listed = SYSTEM_CHANGE_UNITS.get(name);
                if (listed == null) {
                    throw new IllegalStateException("Mongock asks for a scan of " + name
                            + ", whose change units are not listed in ListedMongockBuilder");
                }
                return listed.stream();
            }).toList();
            super.setChangeLogsBasePackageList(List.of());
            super.setChangeLogsBaseClassList(classes);
        }
    }
}
