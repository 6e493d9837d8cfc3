package org.gatehouse.shell.internal;

import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.face.FaceStatus;
import org.gatehouse.api.face.FaceTemplate;

@Command(scope = "gatehouse", name = "face-list",
        description = "Lists the face templates of a person, or the template counts per model.")
@Service
public class FaceListCommand extends GatehouseAction {
    @Reference
    FaceService faces;

    @Argument(index = 0, name = "person", description = "Person id (none: counts per model)")
    String person;

    @Override
    protected void run() {
        if (person == null) {
            FaceStatus st = faces.status();
            ShellTable table = new ShellTable().emptyTableText("No face templates.");
            table.column("Model");
            table.column("Templates");
            table.column("Active");
            for (Map.Entry<String, Long> e : st.templatesPerModel().entrySet()) {
                table.addRow().addContent(e.getKey(), e.getValue(), e.getKey().equals(st.modelId()) ? "yes" : "");
            }
            table.print(System.out);
            System.out.println(st.photos() + " enrollment photos");
            return;
        }
        ShellTable table = new ShellTable().emptyTableText("No face templates for " + person + ".");
        table.column("Id");
        table.column("Model");
        table.column("Photo");
        table.column("Face px");
        table.column("Sharpness");
        table.column("Yaw");
        table.column("Created");
        table.column("By");
        for (FaceTemplate t : faces.templates(person)) {
            table.addRow().addContent(t.id(), t.modelId(), t.photoId(), t.quality().faceSize(),
                    Math.round(t.quality().sharpness()), Math.round(t.quality().yaw()), Formats.time(t.created()),
                    t.createdBy());
        }
        table.print(System.out);
    }
}
