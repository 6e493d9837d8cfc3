package org.gatehouse.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.face.FaceTemplate;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.watchlist.WatchlistService;

@Command(scope = "gatehouse", name = "watchlist-face",
        description = "Adds a photo to a watchlist entry; refused when it matches an enrolled person (named).")
@Service
public class WatchlistFaceCommand extends GatehouseAction {
    @Reference
    WatchlistService watchlist;

    @Argument(index = 0, name = "id", required = true, description = "Watchlist entry id (wl-...)")
    String id;

    @Argument(index = 1, name = "photo", required = true, description = "Image file (.jpg, .png)")
    String photo;

    @Override
    protected void run() throws Exception {
        Path p = existingFile(photo);
        FaceTemplate t = watchlist.addFace(id, new Frame(Files.readAllBytes(p), null), currentUser());
        System.out.println(id + ": template " + t.id() + " (model " + t.modelId() + ", face " + t.quality().faceSize()
                + " px)");
    }
}
