package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.service.TemplateService;
import org.gatehouse.api.service.TemplateService.MessageKind;
import org.gatehouse.api.service.TemplateService.Template;
import org.gatehouse.api.service.TemplateService.Variable;

@Command(scope = "gatehouse", name = "template-list",
        description = "Lists message kinds with their variables (* = required) and their templates per language.")
@Service
public class TemplateListCommand extends GatehouseAction {

    @Reference
    TemplateService templates;

    @Option(name = "--kind", aliases = "-k", description = "Only this message kind, e.g. notice.safety.drowning")
    String kind;

    @Option(name = "--body", aliases = "-b", description = "Print the body of each template too")
    boolean body;

    @Override
    protected void run() {
        ShellTable table = new ShellTable().emptyTableText("No templates.");
        table.column("Kind");
        table.column("Lang");
        table.column("Source");
        table.column("Subject").maxSize(60);
        table.column("Variables").maxSize(60);
        if (body) {
            table.column("Body").maxSize(120);
        }
        for (Template t : templates.templates(kind)) {
            MessageKind k = templates.kind(t.kind()).orElseThrow();
            StringBuilder vars = new StringBuilder();
            for (Variable v : k.variables()) {
                vars.append(vars.length() == 0 ? "" : " ").append(v.name()).append(v.required() ? "*" : "");
            }
            org.apache.karaf.shell.support.table.Row row = table.addRow();
            row.addContent(t.kind(), t.language(),
                    t.custom() ? "custom (" + Formats.orDash(t.updatedBy()) + ")" : "default", t.subject(), vars);
            if (body) {
                row.addContent(t.body().replace('\n', ' '));
            }
        }
        table.print(System.out);
    }
}
