package org.gatehouse.shell.internal;

import java.util.Map;

/** User-facing texts of the face commands in English and Chinese (zh-CN). */
final class FaceText extends Texts {
    private static final Map<String, String[]> TEXTS = Map.ofEntries(
            Map.entry("enrolled", new String[] {"Enrolled %d of %d images", "已登记 %d / %d 张照片"}),
            Map.entry("rejected", new String[] {"Rejected %d:", "未通过 %d 张："}),
            Map.entry("reason.image-empty", new String[] {"empty file", "空文件"}),
            Map.entry("reason.image-undecodable", new String[] {"not a readable image", "无法解码的图片"}),
            Map.entry("reason.image-too-large", new String[] {"image too large", "图片过大"}),
            Map.entry("reason.no-face", new String[] {"no face found", "未检测到人脸"}),
            Map.entry("reason.face-too-small", new String[] {"face too small", "人脸过小"}),
            Map.entry("reason.face-blurred", new String[] {"face blurred", "人脸模糊"}),
            Map.entry("reason.face-off-frontal", new String[] {"face turned away", "人脸角度过大"}),
            Map.entry("reason.several-faces", new String[] {"several faces", "多张人脸"}),
            Map.entry("reason.no-engine", new String[] {"no recognition engine", "识别引擎不可用"}),
            Map.entry("reason.unknown-person", new String[] {"unknown person", "人员不存在"}),
            Map.entry("reason.consent-required", new String[] {"guardian consent missing", "缺少监护人同意"}),
            Map.entry("reason.too-many-templates", new String[] {"too many photos of the person", "该人员照片已达上限"}),
            Map.entry("reason.unreadable-file", new String[] {"file cannot be read", "文件无法读取"}),
            Map.entry("reason.other", new String[] {"other error", "其他错误"}),
            Map.entry("no-images", new String[] {"No images (.jpg, .jpeg, .png, .bmp) found in %s",
                    "%s 中没有图片（.jpg、.jpeg、.png、.bmp）"}),
            Map.entry("eval.title", new String[] {"Evaluation of engine %s (model %s), use %s, threshold %.3f",
                    "引擎 %s（模型 %s）评估，用途 %s，阈值 %.3f"}),
            Map.entry("eval.enrolled", new String[] {"Identities enrolled: %d (in memory; the gallery is untouched)",
                    "登记身份数：%d（仅在内存中，不改动人脸库）"}),
            Map.entry("eval.rank1", new String[] {"Rank-1 identification: %d / %d = %.2f%%", "Rank-1 识别率：%d / %d = %.2f%%"}),
            Map.entry("eval.tar", new String[] {"True accept rate at threshold: %d / %d = %.2f%%",
                    "阈值下正确接受率（TAR）：%d / %d = %.2f%%"}),
            Map.entry("eval.far", new String[] {"False accepts of never-enrolled faces: %d / %d = %.2f%%",
                    "未登记人脸误识（FAR）：%d / %d = %.2f%%"}),
            Map.entry("eval.mis", new String[] {"Enrolled probes accepted as someone else: %d",
                    "已登记人员被误识为他人：%d"}),
            Map.entry("eval.histogram", new String[] {"Similarity histogram (genuine = probe vs own template, impostor ="
                    + " best score of a never-enrolled face):", "相似度分布（同人 = 与本人模板，异人 = 未登记人脸的最高分）："}),
            Map.entry("eval.skipped", new String[] {"Images without a usable face: %d", "无可用人脸的图片：%d"}),
            Map.entry("eval.time", new String[] {"Engine time: %d images in %.1f s, %.1f ms per image",
                    "引擎耗时：%d 张图片 %.1f 秒，每张 %.1f 毫秒"}),
            Map.entry("models.file", new String[] {"File", "文件"}),
            Map.entry("models.set", new String[] {"Set", "模型集"}),
            Map.entry("models.role", new String[] {"Role", "用途"}),
            Map.entry("models.licence", new String[] {"Licence", "许可证"}),
            Map.entry("models.sha", new String[] {"sha256 ok", "sha256 校验"}),
            Map.entry("models.active", new String[] {"Active", "使用中"}),
            Map.entry("models.source", new String[] {"Source", "来源"}),
            Map.entry("models.yes", new String[] {"yes", "是"}),
            Map.entry("models.no", new String[] {"NO", "否"}),
            Map.entry("models.missing", new String[] {"not installed", "未安装"}),
            Map.entry("models.empty", new String[] {"No model files in models.json.", "models.json 中没有模型文件。"}),
            Map.entry("models.sets", new String[] {"Model sets:", "模型集："}),
            Map.entry("models.default", new String[] {" (default)", "（默认）"}),
            Map.entry("models.licence-line", new String[] {"Licence:      active set %s: %s",
                    "许可证：      当前模型集 %s：%s"}),
            Map.entry("models.unknown", new String[] {"WARNING: the licence of %s is unknown (no established origin)."
                    + " A site that needs legal certainty should use models with a clear licence: see"
                    + " models/face/MODELS.md (licence-clean set and how to switch).",
                    "警告：%s 的许可证未知（来源不明）。需要法律确定性的场所应改用许可证明确的模型：见"
                    + " models/face/MODELS.md（许可清晰的模型集及切换方法）。"}),
            Map.entry("models.sha-bad", new String[] {"WARNING: %s differs from its sha256 in models.json.",
                    "警告：%s 与 models.json 中的 sha256 不符。"}),
            Map.entry("models.unavailable", new String[] {"Licence:      not known (%s)", "许可证：      未知（%s）"}));

    private FaceText(String language) {
        super(TEXTS, language);
    }

    /** @param language {@code zh}, {@code zh-CN} or {@code en}; null for the JVM's default locale */
    static FaceText of(String language) {
        return new FaceText(language);
    }
}
