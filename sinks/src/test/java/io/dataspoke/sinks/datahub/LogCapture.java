package io.dataspoke.sinks.datahub;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log event of every logger at {@code level} and above while open, messages and
 * stack traces included, then restores the logging configuration.
 */
final class LogCapture implements AutoCloseable {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final AbstractAppender appender;
    private final Map<LoggerConfig, Level> previousLevels = new HashMap<>();
    private final List<String> added = new ArrayList<>();

    private LogCapture(Level level) {
        context = (LoggerContext) LogManager.getContext(false);
        appender =
                new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        StringBuilder line =
                                new StringBuilder()
                                        .append(event.getLevel())
                                        .append(' ')
                                        .append(event.getLoggerName())
                                        .append(" - ")
                                        .append(event.getMessage().getFormattedMessage());
                        if (event.getThrown() != null) {
                            StringWriter trace = new StringWriter();
                            event.getThrown().printStackTrace(new PrintWriter(trace));
                            line.append('\n').append(trace);
                        }
                        events.add(line.toString());
                    }
                };
        appender.start();
        Configuration configuration = context.getConfiguration();
        for (LoggerConfig logger : configuration.getLoggers().values()) {
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(level);
        }
        configuration.getRootLogger().addAppender(appender, level, null);
        context.updateLoggers();
    }

    /** Captures events at {@code level} and above from every logger. */
    static LogCapture atLevel(Level level) {
        return new LogCapture(level);
    }

    /** Sets {@code logger} to {@code level} until the capture closes. */
    LogCapture withLevel(String logger, Level level) {
        Configuration configuration = context.getConfiguration();
        LoggerConfig config = new LoggerConfig(logger, level, true);
        configuration.addLogger(logger, config);
        added.add(logger);
        context.updateLoggers();
        return this;
    }

    List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        configuration.getRootLogger().removeAppender(appender.getName());
        added.forEach(configuration::removeLogger);
        previousLevels.forEach(LoggerConfig::setLevel);
        context.updateLoggers();
        appender.stop();
    }
}
