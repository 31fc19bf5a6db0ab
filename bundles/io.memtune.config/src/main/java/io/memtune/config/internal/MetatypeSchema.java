package io.memtune.config.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import io.memtune.config.core.AttributeSchema;
import io.memtune.config.core.ConfigSchema;
import io.memtune.config.core.PidSchema;
import io.memtune.config.core.ValueType;

/**
 * The schema every installed bundle declares through Metatype (OSGI-INF/metatype and MetaTypeProvider
 * services alike), read once when created: make a new one for each validation.
 */
final class MetatypeSchema implements ConfigSchema {

    private final Map<String, PidSchema> pids = new HashMap<>();
    private final Map<String, PidSchema> factoryPids = new HashMap<>();

    MetatypeSchema(BundleContext context, MetaTypeService metatype) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info;
            try {
                info = metatype.getMetaTypeInformation(bundle);
            } catch (IllegalArgumentException | IllegalStateException e) {
                continue; // uninstalled meanwhile
            }
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                read(info, pid, bundle).ifPresent(s -> pids.put(pid, s));
            }
            for (String factoryPid : info.getFactoryPids()) {
                read(info, factoryPid, bundle).ifPresent(s -> factoryPids.put(factoryPid, s));
            }
        }
    }

    @Override
    public Optional<PidSchema> find(String pid, String factoryPid) {
        return Optional.ofNullable(factoryPid == null ? pids.get(pid) : factoryPids.get(factoryPid));
    }

    /** Every bundle that can be configured is installed when this is read, so an unknown PID is suspicious. */
    @Override
    public boolean knowsAllPids() {
        return true;
    }

    private static Optional<PidSchema> read(MetaTypeInformation info, String pid, Bundle bundle) {
        ObjectClassDefinition ocd;
        try {
            ocd = info.getObjectClassDefinition(pid, null);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ocd == null) {
            return Optional.empty();
        }
        Set<String> required = ids(ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED));
        Map<String, AttributeSchema> attributes = new LinkedHashMap<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            attributes.put(ad.getID(), new AttributeSchema(ad.getID(), type(ad.getType()), ad.getCardinality(),
                    required.contains(ad.getID()), null, null, list(ad.getOptionValues()), list(ad.getDefaultValue()),
                    ad::validate));
        }
        boolean declared = bundle.getEntryPaths("OSGI-INF/metatype/") != null;
        return Optional.of(new PidSchema(pid, bundle.getSymbolicName(), attributes, declared));
    }

    private static Set<String> ids(AttributeDefinition[] ads) {
        return ads == null ? Set.of() : Set.copyOf(Arrays.stream(ads).map(AttributeDefinition::getID).toList());
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    @SuppressWarnings("deprecation") // BIGINTEGER and BIGDECIMAL are deprecated but may still be declared
    private static ValueType type(int type) {
        switch (type) {
            case AttributeDefinition.LONG: return ValueType.LONG;
            case AttributeDefinition.INTEGER: return ValueType.INTEGER;
            case AttributeDefinition.SHORT: return ValueType.SHORT;
            case AttributeDefinition.BYTE: return ValueType.BYTE;
            case AttributeDefinition.CHARACTER: return ValueType.CHARACTER;
            case AttributeDefinition.DOUBLE: return ValueType.DOUBLE;
            case AttributeDefinition.FLOAT: return ValueType.FLOAT;
            case AttributeDefinition.BOOLEAN: return ValueType.BOOLEAN;
            case AttributeDefinition.PASSWORD: return ValueType.PASSWORD;
            default: return ValueType.STRING;
        }
    }
}
