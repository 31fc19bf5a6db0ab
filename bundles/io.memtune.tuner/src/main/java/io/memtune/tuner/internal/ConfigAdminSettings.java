package io.memtune.tuner.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Applies a setting as a runtime edit in Config Admin: the configuration's properties with one changed, marked as
 * the tuner's (provenance). A class of its own so that the tuner's logic loads without OSGi (embedded mode).
 */
final class ConfigAdminSettings implements SettingWriter {

    private final ConfigurationAdmin configAdmin;

    ConfigAdminSettings(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    @Override
    public void set(String setting, String value) throws IOException {
        int slash = setting.indexOf('/');
        String pid = setting.substring(0, slash);
        String key = setting.substring(slash + 1);
        Configuration configuration = find(pid);
        Dictionary<String, Object> old = configuration.getProperties();
        Hashtable<String, Object> properties = new Hashtable<>();
        if (old != null) {
            for (String k : Collections.list(old.keys())) {
                properties.put(k, old.get(k));
            }
        }
        properties.put(key, SettingValues.typed(properties.get(key), value));
        properties.put(TunerComponent.EDITOR, "tuner");
        configuration.update(properties);
    }

    private Configuration find(String pid) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            if (found != null && found.length > 0) {
                return found[0];
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a PID: " + pid, e);
        }
        int tilde = pid.indexOf('~');
        return tilde < 0 ? configAdmin.getConfiguration(pid, "?")
                : configAdmin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
    }
}
