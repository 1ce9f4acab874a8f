<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Lesson</name>
    <message>
        <source>%1: unknown mask preset “%2”</source>
        <translation>%1：未知的掩码预设“%2”</translation>
    </message>
    <message>
        <source>%1: fill must be “large-negative” or “neg-inf”</source>
        <translation>%1：填充值必须是“large-negative”或“neg-inf”</translation>
    </message>
    <message>
        <source>%1: “%2” must be a positive number</source>
        <translation>%1：“%2”必须是正数</translation>
    </message>
    <message>
        <source>setup</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>setup: “text” (the sentence) is missing</source>
        <translation>设置：缺少“text”（句子）</translation>
    </message>
    <message>
        <source>setup: d_model must be divisible by heads</source>
        <translation>设置：d_model 必须能被头数整除</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>%1: unknown view “%2”</source>
        <translation>%1：未知的视图“%2”</translation>
    </message>
    <message>
        <source>%1: unknown stage “%2”</source>
        <translation>%1：未知的阶段“%2”</translation>
    </message>
    <message>
        <source>%1: head must be between 1 and %2</source>
        <translation>%1：头的编号必须在 1 到 %2 之间</translation>
    </message>
    <message>
        <source>%1: unknown head pattern “%2”</source>
        <translation>%1：未知的头模式“%2”</translation>
    </message>
    <message>
        <source>%1: “caption” is missing</source>
        <translation>%1：缺少“caption”（说明）</translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation>不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>not an AttnViz lesson ("format" is not "attnviz-lesson")</source>
        <translation>不是 AttnViz 课程（"format" 不是 "attnviz-lesson"）</translation>
    </message>
    <message>
        <source>lesson version %1 is not supported (this AttnViz reads version %2)</source>
        <translation>不支持课程版本 %1（此版本的 AttnViz 读取版本 %2）</translation>
    </message>
    <message>
        <source>the lesson has no title</source>
        <translation>课程没有标题</translation>
    </message>
    <message>
        <source>the lesson has no steps</source>
        <translation>课程没有步骤</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1: “%2” must be a whole number between %3 and %4</source>
        <translation>%1：“%2”必须是 %3 到 %4 之间的整数</translation>
    </message>
</context>
<context>
    <name>PipelineModel</name>
    <message>
        <source>X = embedding + PE</source>
        <translation>X = 词嵌入 + 位置编码</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>掩码后</translation>
    </message>
    <message>
        <source>blocked → %1</source>
        <translation>屏蔽 → %1</translation>
    </message>
    <message>
        <source>A[i,:] = softmax(row i)</source>
        <translation>A[i,:] = softmax(第 i 行)</translation>
    </message>
    <message>
        <source>concat</source>
        <translation>拼接</translation>
    </message>
    <message>
        <source>[head1 … head%1]</source>
        <translation>[head1 … head%1]</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Input X</source>
        <translation>输入 X</translation>
    </message>
    <message>
        <source>Projections Q, K, V</source>
        <translation>投影 Q、K、V</translation>
    </message>
    <message>
        <source>Scores QKᵀ</source>
        <translation>分数 QKᵀ</translation>
    </message>
    <message>
        <source>Scaling ÷√d_k</source>
        <translation>缩放 ÷√d_k</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Weighted values A·V</source>
        <translation>加权值 A·V</translation>
    </message>
    <message>
        <source>Concatenate heads</source>
        <translation>拼接各头</translation>
    </message>
    <message>
        <source>Output projection W_o</source>
        <translation>输出投影 W_o</translation>
    </message>
    <message>
        <source>Each token becomes a row of numbers: its embedding plus a positional encoding that says where it stands.</source>
        <translation>每个词变成一行数字：它的词嵌入加上表示其位置的位置编码。</translation>
    </message>
    <message>
        <source>Three learned linear maps turn every row into a query (what I look for), a key (what I offer) and a value (what I pass on).</source>
        <translation>三个学习得到的线性映射把每一行变成查询（我在找什么）、键（我能提供什么）和值（我传递什么）。</translation>
    </message>
    <message>
        <source>Every query is compared with every key by a dot product: row i of Q times column j of Kᵀ gives score S[i, j].</source>
        <translation>每个查询都通过点积与每个键比较：Q 的第 i 行乘以 Kᵀ 的第 j 列得到分数 S[i, j]。</translation>
    </message>
    <message>
        <source>Dividing by √d_k keeps the scores in a range where softmax is not already saturated; a temperature T sharpens (T &lt; 1) or flattens (T &gt; 1) it further.</source>
        <translation>除以 √d_k 让分数保持在 softmax 尚未饱和的范围内；温度 T 会进一步让它变尖锐（T &lt; 1）或变平坦（T &gt; 1）。</translation>
    </message>
    <message>
        <source>Blocked pairs (mask = 0) get a huge negative score, so softmax gives them practically zero weight.</source>
        <translation>被屏蔽的位置（mask = 0）得到一个极大的负分数，因此 softmax 给它们的权重几乎为零。</translation>
    </message>
    <message>
        <source>Softmax turns each row of scores into weights that are positive and add up to 1: how much each query listens to each key.</source>
        <translation>Softmax 把每一行分数变成为正且总和为 1 的权重：每个查询对每个键的关注程度。</translation>
    </message>
    <message>
        <source>Each output row is the weighted average of the value rows, using that row's attention weights.</source>
        <translation>每一行输出都是值向量各行的加权平均，权重就是该行的注意力权重。</translation>
    </message>
    <message>
        <source>All heads run side by side; their outputs are placed next to each other to form one row of d_model numbers again.</source>
        <translation>所有头并行计算；它们的输出并排拼接，重新组成一行 d_model 个数字。</translation>
    </message>
    <message>
        <source>A last linear map W_o mixes the heads' results together into the layer's output.</source>
        <translation>最后一个线性映射 W_o 把各个头的结果混合成这一层的输出。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>masked</source>
        <translation>掩码后</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>scaled score</source>
        <translation>缩放后分数</translation>
    </message>
    <message>
        <source>masked score</source>
        <translation>掩码后分数</translation>
    </message>
    <message>
        <source>head output</source>
        <translation>头输出</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>the PDF writer could not start</source>
        <translation>PDF 写入器无法启动</translation>
    </message>
    <message>
        <source>the SVG generator could not start</source>
        <translation>SVG 生成器无法启动</translation>
    </message>
    <message>
        <source>nothing to export: no heads</source>
        <translation>没有可导出的内容：没有头</translation>
    </message>
    <message>
        <source>the scale must be between %1 and %2</source>
        <translation>缩放倍数必须在 %1 到 %2 之间</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>PNG encoding failed</source>
        <translation>PNG 编码失败</translation>
    </message>
    <message>
        <source>cannot open token list %1: %2</source>
        <translation>无法打开词列表 %1：%2</translation>
    </message>
    <message>
        <source>%1: too large for a token list</source>
        <translation>%1：作为词列表太大</translation>
    </message>
    <message>
        <source>%1: expected attention of shape (H, L, S) or (layers, H, L, S), got %2</source>
        <translation>%1：注意力的形状应为 (H, L, S) 或 (layers, H, L, S)，实际为 %2</translation>
    </message>
    <message>
        <source>%1: shape %2 has an empty or absurd dimension</source>
        <translation>%1：形状 %2 含有为空或不合理的维度</translation>
    </message>
    <message>
        <source>%1: element %2 is %3; attention weights must be finite</source>
        <translation>%1：元素 %2 为 %3；注意力权重必须是有限值</translation>
    </message>
    <message>
        <source>%1: element %2 is negative (%3); attention weights are ≥ 0 — is this a score tensor?</source>
        <translation>%1：元素 %2 为负数（%3）；注意力权重应 ≥ 0——这是分数张量吗？</translation>
    </message>
    <message>
        <source>%1 has %2 tokens but the attention is %3×%4 (queries × keys)</source>
        <translation>%1 有 %2 个词，但注意力是 %3×%4（查询 × 键）</translation>
    </message>
    <message>
        <source>%1 has no rows (tokens)</source>
        <translation>%1 没有行（词元）</translation>
    </message>
    <message>
        <source>%1 is %2×%3 but the weights have d_model %4: the input must be tokens × d_model</source>
        <translation>%1 是 %2×%3，但权重的 d_model 为 %4：输入必须是 词元数 × d_model</translation>
    </message>
    <message>
        <source>%1 holds NaN or infinite values</source>
        <translation>%1 含有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>%1 has %2 tokens but %3 has %4 rows</source>
        <translation>%1 有 %2 个词元，但 %3 有 %4 行</translation>
    </message>
    <message>
        <source>d_model %1 is not divisible by %2 heads</source>
        <translation>d_model %1 不能被 %2 个头整除</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 作用于 %2</translation>
    </message>
    <message>
        <source>%1 heads × %2 keys is too large to edit interactively (heads × keys² at most %3); render it with attnviz export --attention</source>
        <translation>%1 个头 × %2 个键太大，无法交互编辑（头数 × 键数² 最多 %3）；请用 attnviz export --attention 渲染</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a session (.json) or an attention tensor (.npy: heads × queries × keys, or layers × heads × queries × keys)</source>
        <translation>打开会话（.json）或注意力张量（.npy：头数 × 查询数 × 键数，或 层数 × 头数 × 查询数 × 键数）</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export image…</source>
        <translation>导出图像(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Copy image</source>
        <translation>复制图像(&amp;C)</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Cannot save session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Sessions and attention tensors (*.json *.npy);;Sessions (*.json);;Attention tensors (*.npy)</source>
        <translation>会话和注意力张量 (*.json *.npy);;会话 (*.json);;注意力张量 (*.npy)</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>AttnViz sessions (*.json)</source>
        <translation>AttnViz 会话 (*.json)</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot export image</source>
        <translation>无法导出图像</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Image copied to the clipboard</source>
        <translation>图像已复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>SessionFile</name>
    <message>
        <source>“%1” must be a whole number between %2 and %3</source>
        <translation>“%1”必须是 %2 到 %3 之间的整数</translation>
    </message>
    <message>
        <source>“mask” must be an object</source>
        <translation>“mask”必须是一个对象</translation>
    </message>
    <message>
        <source>mask: %1</source>
        <translation>掩码：%1</translation>
    </message>
    <message>
        <source>mask: a shared mask has exactly one plane, not %1</source>
        <translation>掩码：共享掩码只有一个平面，而不是 %1 个</translation>
    </message>
    <message>
        <source>mask: “bits” must be a base64 string</source>
        <translation>掩码：“bits”必须是 base64 字符串</translation>
    </message>
    <message>
        <source>mask: expected %1 rows of cells, found %2</source>
        <translation>掩码：应有 %1 行单元格，实际找到 %2 行</translation>
    </message>
    <message>
        <source>mask: row %1 of plane %2 has %3 cells, expected %4</source>
        <translation>掩码：平面 %2 的第 %1 行有 %3 个单元格，应为 %4 个</translation>
    </message>
    <message>
        <source>mask: cells must be 0 or 1 (row %1 of plane %2)</source>
        <translation>掩码：单元格必须是 0 或 1（平面 %2 的第 %1 行）</translation>
    </message>
    <message>
        <source>not an AttnViz session (no "format": "%1" member)</source>
        <translation>不是 AttnViz 会话（没有 "format": "%1" 成员）</translation>
    </message>
    <message>
        <source>the session has no version number</source>
        <translation>会话没有版本号</translation>
    </message>
    <message>
        <source>session version %1 is not supported: this AttnViz reads version %2%3</source>
        <translation>不支持会话版本 %1：此版本的 AttnViz 读取版本 %2%3</translation>
    </message>
    <message>
        <source> (the file is from a newer AttnViz)</source>
        <translation>（该文件来自更新版本的 AttnViz）</translation>
    </message>
    <message>
        <source>“text” must be a string</source>
        <translation>“text”必须是字符串</translation>
    </message>
    <message>
        <source>d_model %1 is not divisible by %2 heads</source>
        <translation>d_model %1 不能被 %2 个头整除</translation>
    </message>
    <message>
        <source>“seed” must be a string holding a non-negative whole number</source>
        <translation>“seed”必须是表示非负整数的字符串</translation>
    </message>
    <message>
        <source>unknown mask preset “%1”</source>
        <translation>未知的掩码预设“%1”</translation>
    </message>
    <message>
        <source>preset: %1</source>
        <translation>预设：%1</translation>
    </message>
    <message>
        <source>preset: “probability” must be between 0 and 1</source>
        <translation>预设：“probability”必须在 0 到 1 之间</translation>
    </message>
    <message>
        <source>“fill” must be large-negative or neg-inf</source>
        <translation>“fill”必须是 large-negative 或 neg-inf</translation>
    </message>
    <message>
        <source>“temperature” must be a positive number</source>
        <translation>“temperature”必须是正数</translation>
    </message>
    <message>
        <source>unknown colour map “%1”</source>
        <translation>未知的配色方案“%1”</translation>
    </message>
    <message>
        <source>designedHeads: each needs a head below %1 and a known pattern</source>
        <translation>designedHeads：每一项都需要小于 %1 的头编号和已知的模式</translation>
    </message>
    <message>
        <source>“attention” needs a “path”</source>
        <translation>“attention”需要一个“path”</translation>
    </message>
    <message>
        <source>“weights” needs a “file” and an “input”</source>
        <translation>“weights” 需要 “file” 和 “input”</translation>
    </message>
    <message>
        <source>the mask is %1×%2 but the text has %3 tokens</source>
        <translation>掩码是 %1×%2，但文本有 %3 个词</translation>
    </message>
    <message>
        <source>the mask has %1 per-head planes but there are %2 heads</source>
        <translation>掩码有 %1 个逐头平面，但共有 %2 个头</translation>
    </message>
    <message>
        <source>cannot save %1: the session would be %2 MB, more than the %3 MB a session file may have</source>
        <translation>无法保存 %1：会话将有 %2 MB，超过会话文件允许的 %3 MB</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2 bytes is far too large for a session file</source>
        <translation>%1：%2 字节对会话文件来说太大了</translation>
    </message>
    <message>
        <source>%1: not valid JSON at byte %2: %3</source>
        <translation>%1：第 %2 字节处不是有效的 JSON：%3</translation>
    </message>
    <message>
        <source>%1: not an AttnViz session (the JSON is not an object)</source>
        <translation>%1：不是 AttnViz 会话（JSON 不是对象）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>cannot save %1: a mask of %2 cells is more than a session file may hold (%3)</source>
        <translation>无法保存 %1：%2 个单元格的掩码超出了会话文件所能容纳的上限（%3）</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::AttentionController</name>
    <message>
        <source>d_model and the number of heads must be positive.</source>
        <translation>d_model 和头数必须为正数。</translation>
    </message>
    <message>
        <source>d_model %1 is not divisible by %2 heads (d_k = d_model / heads must be a whole number). Showing the last valid result.</source>
        <translation>d_model %1 不能被 %2 个头整除（d_k = d_model / 头数 必须是整数）。显示上一个有效结果。</translation>
    </message>
    <message>
        <source>Type some text: there are no tokens to attend to.</source>
        <translation>请输入一些文本：没有可以关注的词。</translation>
    </message>
    <message>
        <source>all heads</source>
        <translation>所有头</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>Unmask %1 → %2 (%3)</source>
        <translation>取消屏蔽 %1 → %2（%3）</translation>
    </message>
    <message>
        <source>Mask %1 → %2 (%3)</source>
        <translation>屏蔽 %1 → %2（%3）</translation>
    </message>
    <message>
        <source>Unmask %1×%2 cells (%3)</source>
        <translation>取消屏蔽 %1×%2 个单元格（%3）</translation>
    </message>
    <message>
        <source>Mask %1×%2 cells (%3)</source>
        <translation>屏蔽 %1×%2 个单元格（%3）</translation>
    </message>
    <message>
        <source>Clear row “%1”</source>
        <translation>清除行“%1”</translation>
    </message>
    <message>
        <source>Mask row “%1”</source>
        <translation>屏蔽行“%1”</translation>
    </message>
    <message>
        <source>Unmask key column “%1”</source>
        <translation>取消屏蔽键列“%1”</translation>
    </message>
    <message>
        <source>Mask key column “%1”</source>
        <translation>屏蔽键列“%1”</translation>
    </message>
    <message>
        <source>Mask preset: %1</source>
        <translation>掩码预设：%1</translation>
    </message>
    <message>
        <source>Change mask preset parameter</source>
        <translation>修改掩码预设参数</translation>
    </message>
    <message>
        <source>Invert mask</source>
        <translation>反转掩码</translation>
    </message>
    <message>
        <source>Discard mask edits</source>
        <translation>放弃掩码编辑</translation>
    </message>
    <message>
        <source>−∞</source>
        <translation>−∞</translation>
    </message>
    <message>
        <source>−1e9</source>
        <translation>−1e9</translation>
    </message>
    <message>
        <source>&lt;b&gt;Head %1&lt;/b&gt;&lt;br&gt;query &lt;b&gt;%2&lt;/b&gt; (row %3) → key &lt;b&gt;%4&lt;/b&gt; (column %5)&lt;br&gt;raw score q·k: %6&lt;br&gt;scaled score: %7 (÷ %8)&lt;br&gt;mask: %9&lt;br&gt;weight: &lt;b&gt;%10&lt;/b&gt;</source>
        <translation>&lt;b&gt;头 %1&lt;/b&gt;&lt;br&gt;查询 &lt;b&gt;%2&lt;/b&gt;（第 %3 行）→ 键 &lt;b&gt;%4&lt;/b&gt;（第 %5 列）&lt;br&gt;原始分数 q·k：%6&lt;br&gt;缩放后分数：%7（÷ %8）&lt;br&gt;掩码：%9&lt;br&gt;权重：&lt;b&gt;%10&lt;/b&gt;</translation>
    </message>
    <message>
        <source>may attend</source>
        <translation>可以关注</translation>
    </message>
    <message>
        <source>blocked (score replaced by %1)</source>
        <translation>已屏蔽（分数替换为 %1）</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Imported attention: scores are log A. Masking renormalises the row (exact: masking a key then softmax = zeroing it and renormalising).&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;导入的注意力：分数为 log A。掩码会对该行重新归一化（精确：先掩码某个键再做 softmax = 将其置零后重新归一化）。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 tokens with %2 heads (d_model %3) would need about %4 (attention weights %5), even with the result on screen released first. That is above the memory budget of %6. Raise the budget under View ▸ Memory budget…, or use fewer tokens or heads. Showing the last result.</source>
        <translation>%1 个词元、%2 个头（d_model %3）即使先释放屏幕上的结果，也大约需要 %4（注意力权重 %5）。这超出了 %6 的内存预算。请在 视图 ▸ 内存预算… 中提高预算，或减少词元数或头数。正在显示上一次的结果。</translation>
    </message>
    <message>
        <source>Computing… The values return with the new result.</source>
        <translation>计算中… 新结果出来后数值会恢复。</translation>
    </message>
    <message>
        <source>No values: the recompute failed (see the message). The picture is the last result; change a setting to compute again.</source>
        <translation>没有数值：重新计算失败（见提示信息）。图像是上一次的结果；更改任一设置即可重新计算。</translation>
    </message>
    <message>
        <source>%1 queries attending to %2 keys with %3 heads (width %4) would need about %5, above the memory budget of %6. Raise the budget under View ▸ Memory budget…, or open a smaller tensor.</source>
        <translation>%1 个查询关注 %2 个键、%3 个头（宽度 %4）大约需要 %5，超过了 %6 的内存预算。请在“视图 ▸ 内存预算…”中提高预算，或打开更小的张量。</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::Autosave</name>
    <message>
        <source>Restore session</source>
        <translation>恢复会话</translation>
    </message>
    <message>
        <source>AttnViz did not exit cleanly last time. Restore the automatically saved session?</source>
        <translation>AttnViz 上次没有正常退出。要恢复自动保存的会话吗？</translation>
    </message>
    <message>
        <source>The autosaved session could not be read: %1</source>
        <translation>无法读取自动保存的会话：%1</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::Classroom</name>
    <message>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>计算流程</translation>
    </message>
    <message>
        <source>Teaching</source>
        <translation>教学</translation>
    </message>
    <message>
        <source>&amp;Heads</source>
        <translation>注意力头(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Pipeline of one head</source>
        <translation>单个头的计算流程(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Teaching toggles</source>
        <translation>教学开关(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Leave presentation mode</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>主题(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Open lesson file…</source>
        <translation>打开课程文件(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous step</source>
        <translation>上一步(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;End lesson</source>
        <translation>结束课程(&amp;E)</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>AttnViz lessons (*.json)</source>
        <translation>AttnViz 课程 (*.json)</translation>
    </message>
    <message>
        <source>Cannot open lesson</source>
        <translation>无法打开课程</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::ColorBar</name>
    <message>
        <source>Colour scale of the attention weights (shared by all heads). Hatched grey cells are masked: the query may not attend to that key.</source>
        <translation>注意力权重的色标（所有头共用）。带斜线的灰色单元格表示已屏蔽：该查询不能关注那个键。</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::ComputeJob</name>
    <message>
        <source>Out of memory while computing. Showing the last good result; try fewer tokens or heads.</source>
        <translation>计算时内存不足。正在显示上一次正确的结果；请尝试减少词元数或头数。</translation>
    </message>
    <message>
        <source>The computation failed (unknown error).</source>
        <translation>计算失败（未知错误）。</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::ControlPanel</name>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Type a sentence…</source>
        <translation>输入一个句子…</translation>
    </message>
    <message>
        <source>Tokenised live: words, numbers and each punctuation mark are tokens</source>
        <translation>实时分词：单词、数字和每个标点符号都是一个词元</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>文本(&amp;T)：</translation>
    </message>
    <message>
        <source>Model width D; steps in multiples of the number of heads</source>
        <translation>模型宽度 D；按头数的倍数递增</translation>
    </message>
    <message>
        <source>Seed of the demo embeddings and weights (and of the random mask)</source>
        <translation>演示用词嵌入和权重（以及随机掩码）的随机种子</translation>
    </message>
    <message>
        <source>&amp;d_model:</source>
        <translation>d_model(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Heads:</source>
        <translation>头数(&amp;H)：</translation>
    </message>
    <message>
        <source>d_k:</source>
        <translation>d_k：</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>种子(&amp;S)：</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Causal</source>
        <translation>因果</translation>
    </message>
    <message>
        <source>Padding (last n keys)</source>
        <translation>填充（最后 n 个键）</translation>
    </message>
    <message>
        <source>Sliding window (±w)</source>
        <translation>滑动窗口（±w）</translation>
    </message>
    <message>
        <source>Block-diagonal</source>
        <translation>块对角</translation>
    </message>
    <message>
        <source>Prefix LM</source>
        <translation>前缀语言模型</translation>
    </message>
    <message>
        <source>Random (p, seeded)</source>
        <translation>随机（概率 p，有种子）</translation>
    </message>
    <message>
        <source>&amp;Invert</source>
        <translation>反转(&amp;I)</translation>
    </message>
    <message>
        <source>Blocked cells become visible and visible cells blocked (undoable)</source>
        <translation>被屏蔽的单元格变为可见，可见的变为屏蔽（可撤销）</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>−1e9 (reference post)</source>
        <translation>−1e9（参考文章）</translation>
    </message>
    <message>
        <source>−∞</source>
        <translation>−∞</translation>
    </message>
    <message>
        <source>What a blocked score becomes before the softmax. The difference shows in fully masked rows: uniform with −1e9, all zero with −∞.</source>
        <translation>softmax 之前被屏蔽的分数变成什么。区别体现在整行都被屏蔽时：−1e9 得到均匀分布，−∞ 得到全零。</translation>
    </message>
    <message>
        <source>&amp;Fill:</source>
        <translation>填充(&amp;F)：</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Divide scores by √d_k</source>
        <translation>分数除以 √d_k</translation>
    </message>
    <message>
        <source>Without scaling, large d_k makes scores large and the softmax nearly one-hot</source>
        <translation>不缩放时，较大的 d_k 会让分数变大，softmax 接近独热分布</translation>
    </message>
    <message>
        <source>Temperature T (log scale 0.1 … 10): scores are divided by T. Low T sharpens, high T flattens.</source>
        <translation>温度 T（对数刻度 0.1 … 10）：分数除以 T。T 小则更尖锐，T 大则更平坦。</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>温度(&amp;T)：</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>&amp;Colour map:</source>
        <translation>配色方案(&amp;C)：</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n 个词元</numerusform></translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>&amp;Invert (inverted)</source>
        <translation>反转（已反转）(&amp;I)</translation>
    </message>
    <message>
        <source>T = %1</source>
        <translation>T = %1</translation>
    </message>
    <message>
        <source>Padding keys:</source>
        <translation>填充键数：</translation>
    </message>
    <message>
        <source>Window ±w:</source>
        <translation>窗口 ±w：</translation>
    </message>
    <message>
        <source>Block size:</source>
        <translation>块大小：</translation>
    </message>
    <message>
        <source>Prefix length:</source>
        <translation>前缀长度：</translation>
    </message>
    <message>
        <source>Blocked p:</source>
        <translation>屏蔽概率 p：</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::ExportOptionsDialog</name>
    <message>
        <source>Attention weights (softmax)</source>
        <translation>注意力权重（softmax）</translation>
    </message>
    <message>
        <source>Scaled scores QKᵀ/√d_k, before the mask</source>
        <translation>缩放后的分数 QKᵀ/√d_k（掩码之前）</translation>
    </message>
    <message>
        <source>Masked scores (blocked cells hatched)</source>
        <translation>掩码后的分数（被屏蔽的单元格带斜线）</translation>
    </message>
    <message>
        <source>Head outputs A·V (d_k columns)</source>
        <translation>各头输出 A·V（d_k 列）</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>Which step of the computation the image shows</source>
        <translation>图像显示计算的哪一步</translation>
    </message>
    <message>
        <source>Pixels per screen pixel: 2 × is sharp on slides and high-DPI screens</source>
        <translation>每个屏幕像素对应的像素数：2 × 在幻灯片和高分辨率屏幕上清晰</translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation>阶段(&amp;S)：</translation>
    </message>
    <message>
        <source>S&amp;cale:</source>
        <translation>缩放(&amp;C)：</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::HeadGrid</name>
    <message>
        <source>◀ All heads</source>
        <translation>◀ 所有头</translation>
    </message>
    <message>
        <source>Back to all heads (Esc)</source>
        <translation>返回所有头（Esc）</translation>
    </message>
    <message>
        <source>Head %1 of %2</source>
        <translation>头 %1 / %2</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::HeatmapWidget</name>
    <message>
        <source>Head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>All heads (Shift)</source>
        <translation>所有头（Shift）</translation>
    </message>
    <message>
        <source>Head %1 — hold Shift for all heads</source>
        <translation>头 %1——按住 Shift 作用于所有头</translation>
    </message>
    <message>
        <source>Toggle cell “%1” → “%2”</source>
        <translation>切换单元格“%1”→“%2”</translation>
    </message>
    <message>
        <source>Mask key column “%1”</source>
        <translation>屏蔽键列“%1”</translation>
    </message>
    <message>
        <source>Unmask key column “%1”</source>
        <translation>取消屏蔽键列“%1”</translation>
    </message>
    <message>
        <source>Mask query row “%1”</source>
        <translation>屏蔽查询行“%1”</translation>
    </message>
    <message>
        <source>Clear (unmask) query row “%1”</source>
        <translation>清除（取消屏蔽）查询行“%1”</translation>
    </message>
    <message>
        <source>Discard all mask edits</source>
        <translation>放弃所有掩码编辑</translation>
    </message>
    <message>
        <source>Invert mask</source>
        <translation>反转掩码</translation>
    </message>
    <message>
        <source>Click to focus on this head (Esc returns)</source>
        <translation>点击放大这个头（Esc 返回）</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::ImportActions</name>
    <message>
        <source>Imported tensors</source>
        <translation>导入的张量</translation>
    </message>
    <message>
        <source>Imported attention is view-only for scores: the scores shown are log A. Mask edits still renormalise it — masking a key and taking the softmax equals zeroing that weight and renormalising the row, so masked views are exact.</source>
        <translation>导入的注意力的分数只能查看：显示的分数为 log A。掩码编辑仍会对其重新归一化——先掩码某个键再做 softmax，等于将该权重置零并对该行重新归一化，因此掩码后的视图是精确的。</translation>
    </message>
    <message>
        <source> Layer </source>
        <translation> 层 </translation>
    </message>
    <message>
        <source>Which layer of the attention tensor to show</source>
        <translation>显示注意力张量的哪一层</translation>
    </message>
    <message>
        <source>Back to demo</source>
        <translation>返回演示</translation>
    </message>
    <message>
        <source>Leave the imported tensors and return to the built-in demo</source>
        <translation>离开导入的张量，返回内置演示</translation>
    </message>
    <message>
        <source>Open &amp;weights…</source>
        <translation>打开权重(&amp;W)…</translation>
    </message>
    <message>
        <source>Compute real attention from model weights (.safetensors) and inputs (.npy)</source>
        <translation>由模型权重（.safetensors）和输入（.npy）计算真实的注意力</translation>
    </message>
    <message>
        <source>&amp;Back to demo</source>
        <translation>返回演示(&amp;B)</translation>
    </message>
    <message>
        <source>%1 · layer %2 of %3</source>
        <translation>%1 · 第 %2 层（共 %3 层）</translation>
    </message>
    <message>
        <source>%1 has %2 layers; layer %3 does not exist</source>
        <translation>%1 有 %2 层；第 %3 层不存在</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Imported attention is view-only for scores; use Back to demo to change this. Mask edits still renormalise the imported weights.</source>
        <translation>导入的注意力的分数只能查看；如需更改请使用“返回演示”。掩码编辑仍会对导入的权重重新归一化。</translation>
    </message>
    <message>
        <source>Set by the imported weights and inputs; use Back to demo to change this.</source>
        <translation>由导入的权重和输入决定；如需更改请使用“返回演示”。</translation>
    </message>
    <message>
        <source>Open weights</source>
        <translation>打开权重</translation>
    </message>
    <message>
        <source>Attention weights (*.safetensors);;All files (*)</source>
        <translation>注意力权重 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Query input X (tokens × %1)</source>
        <translation>查询输入 X（词元数 × %1）</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy 数组 (*.npy)</translation>
    </message>
    <message>
        <source>Key input</source>
        <translation>键输入</translation>
    </message>
    <message>
        <source>Cross-attention: read a separate key/value input (XK.npy)? Choose No for self-attention on X.</source>
        <translation>交叉注意力：读取单独的键/值输入（XK.npy）？选择“否”则对 X 做自注意力。</translation>
    </message>
    <message>
        <source>Key/value input XK (keys × %1)</source>
        <translation>键/值输入 XK（键数 × %1）</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Number of heads (must divide d_model = %1):</source>
        <translation>头数（必须整除 d_model = %1）：</translation>
    </message>
    <message>
        <source>d_model %1 is not divisible by %2 heads.</source>
        <translation>d_model %1 不能被 %2 个头整除。</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::LessonBar</name>
    <message>
        <source>◀ Page Up</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>Page Down ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <source>End lesson</source>
        <translation>结束课程</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lesson: %1&lt;/b&gt; — step %2 of %3</source>
        <translation>&lt;b&gt;课程：%1&lt;/b&gt;——第 %2 步，共 %3 步</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::MainWindow</name>
    <message>
        <source>Controls</source>
        <translation>控制面板</translation>
    </message>
    <message>
        <source>Row inspector</source>
        <translation>行检查器</translation>
    </message>
    <message>
        <source>⟳ Computing…</source>
        <translation>⟳ 计算中…</translation>
    </message>
    <message>
        <source>Click a cell to toggle its mask · drag paints a rectangle · Shift edits all heads · right-click for row/column actions · click a head's title to focus it</source>
        <translation>点击单元格切换掩码 · 拖动绘制矩形 · Shift 编辑所有头 · 右键进行行/列操作 · 点击头的标题放大</translation>
    </message>
    <message>
        <source>Cursor: head %1 · %2 → %3</source>
        <translation>光标：头 %1 · %2 → %3</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Invert mask</source>
        <translation>反转掩码(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Discard mask edits</source>
        <translation>放弃掩码编辑(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;All heads</source>
        <translation>所有头(&amp;A)</translation>
    </message>
    <message>
        <source>Show &amp;values in cells</source>
        <translation>在单元格中显示数值(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard and mouse</source>
        <translation>键盘和鼠标(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About AttnViz</source>
        <translation>关于 AttnViz(&amp;A)</translation>
    </message>
    <message>
        <source>About AttnViz</source>
        <translation>关于 AttnViz</translation>
    </message>
    <message>
        <source>&lt;b&gt;AttnViz %1&lt;/b&gt;&lt;p&gt;Multi-head attention, every stage visible: mask cells and watch the softmax redistribute.&lt;/p&gt;</source>
        <translation>&lt;b&gt;AttnViz %1&lt;/b&gt;&lt;p&gt;多头注意力，每个阶段都可见：屏蔽单元格，观察 softmax 如何重新分配权重。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Keyboard and mouse</source>
        <translation>键盘和鼠标</translation>
    </message>
    <message>
        <source>Small cells: &amp;pooling</source>
        <translation>小单元格：池化(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Maximum (a single strong weight stays visible)</source>
        <translation>最大值（单个较强的权重仍然可见）(&amp;M)</translation>
    </message>
    <message>
        <source>M&amp;ean (the average of the area)</source>
        <translation>平均值（区域的平均）(&amp;E)</translation>
    </message>
    <message>
        <source>Memory &amp;budget…</source>
        <translation>内存预算(&amp;B)…</translation>
    </message>
    <message>
        <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Click&lt;/b&gt;&lt;/td&gt;&lt;td&gt;toggle a mask cell&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Drag&lt;/b&gt;&lt;/td&gt;&lt;td&gt;mask or unmask a rectangle (the first cell decides)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Shift&lt;/b&gt; + click/drag/Space&lt;/td&gt;&lt;td&gt;edit all heads at once&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Right-click&lt;/b&gt;&lt;/td&gt;&lt;td&gt;row and column actions&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Arrows&lt;/b&gt;&lt;/td&gt;&lt;td&gt;move the cell cursor&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;toggle the cell under the cursor&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;1–9&lt;/b&gt;&lt;/td&gt;&lt;td&gt;focus a head; &lt;b&gt;Esc&lt;/b&gt; back to all heads&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;+ / −&lt;/b&gt;, &lt;b&gt;0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;zoom in / out, fit&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+wheel&lt;/b&gt; (focus view: wheel)&lt;/td&gt;&lt;td&gt;zoom into the cells around the pointer&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Middle-button drag&lt;/b&gt;&lt;/td&gt;&lt;td&gt;pan a zoomed heatmap&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z / Ctrl+Shift+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;undo / redo&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;点击&lt;/b&gt;&lt;/td&gt;&lt;td&gt;切换一个掩码单元格&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;拖动&lt;/b&gt;&lt;/td&gt;&lt;td&gt;屏蔽或取消屏蔽一个矩形（由第一个单元格决定）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Shift&lt;/b&gt; + 点击/拖动/空格&lt;/td&gt;&lt;td&gt;同时编辑所有头&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;右键&lt;/b&gt;&lt;/td&gt;&lt;td&gt;行和列操作&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;方向键&lt;/b&gt;&lt;/td&gt;&lt;td&gt;移动单元格光标&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;空格&lt;/b&gt;&lt;/td&gt;&lt;td&gt;切换光标所在的单元格&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;1–9&lt;/b&gt;&lt;/td&gt;&lt;td&gt;放大一个头；&lt;b&gt;Esc&lt;/b&gt; 返回所有头&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;+ / −&lt;/b&gt;，&lt;b&gt;0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;放大 / 缩小，适应窗口&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+滚轮&lt;/b&gt;（放大视图中：滚轮）&lt;/td&gt;&lt;td&gt;以指针为中心放大单元格&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;中键拖动&lt;/b&gt;&lt;/td&gt;&lt;td&gt;平移已放大的热力图&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z / Ctrl+Shift+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;撤销 / 重做&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::MemoryBudget</name>
    <message>
        <source>Memory budget</source>
        <translation>内存预算</translation>
    </message>
    <message>
        <source>Largest memory a recompute may use, in GiB. When the new result does not fit next to the one on screen, that one is released first (its picture stays); larger requests are refused with a message instead of running out of memory.</source>
        <translation>一次重新计算最多可使用的内存，单位 GiB。如果新结果无法与屏幕上的结果同时容纳，会先释放屏幕上的结果（其图像保留）；更大的请求会被拒绝并给出提示，而不是耗尽内存。</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::PipelinePage</name>
    <message>
        <source>&amp;Step mode</source>
        <translation>分步模式(&amp;S)</translation>
    </message>
    <message>
        <source>◀ Previous step</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next step ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Left arrow</source>
        <translation>左方向键</translation>
    </message>
    <message>
        <source>Right arrow</source>
        <translation>右方向键</translation>
    </message>
    <message>
        <source>Reveal the computation one step at a time (← / →).</source>
        <translation>一次展示一步计算（← / →）。</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>头：</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>头 %1</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::PipelineView</name>
    <message>
        <source>Step %1 of %2 · %3: %4</source>
        <translation>第 %1 步，共 %2 步 · %3：%4</translation>
    </message>
    <message>
        <source>%1[%2, %3] = %4 — computed from the outlined cells. %5</source>
        <translation>%1[%2, %3] = %4——由框出的单元格计算得到。%5</translation>
    </message>
    <message>
        <source>Head %1, every step of the computation. Hover a cell to see where it comes from; → starts step mode.</source>
        <translation>头 %1 的每一步计算。把鼠标悬停在单元格上查看它来自哪里；按 → 开始分步模式。</translation>
    </message>
    <message>
        <source>No result to show.</source>
        <translation>没有可显示的结果。</translation>
    </message>
    <message>
        <source>%1
(step %2)</source>
        <translation>%1
（第 %2 步）</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::RowInspector</name>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>掩码后</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Softmax turns a row of scores into weights that add up to 1.
A blocked key's score is replaced by the fill before the softmax:
 • −1e9 (the reference post): blocked keys get weight ≈ 0; if every key of the row is blocked, all scores are equal (−1e9) and the row becomes uniform, 1/L each — it still sums to 1.
 • −∞: blocked keys get exactly 0; a fully blocked row has no key to attend to and is defined as all zero, so it sums to 0.</source>
        <translation>Softmax 把一行分数变成总和为 1 的权重。
在 softmax 之前，被屏蔽键的分数会被替换为填充值：
 • −1e9（参考文章）：被屏蔽的键权重 ≈ 0；如果这一行的所有键都被屏蔽，所有分数相等（−1e9），这一行变成均匀分布，每个 1/L——总和仍为 1。
 • −∞：被屏蔽的键权重恰好为 0；整行都被屏蔽时没有可关注的键，定义为全零，总和为 0。</translation>
    </message>
    <message>
        <source>&lt;small&gt;Dashed ghost bars: weights before the last edit.&lt;/small&gt;</source>
        <translation>&lt;small&gt;虚线幽灵条：上一次编辑之前的权重。&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Hover over a heatmap to inspect a query row.</source>
        <translation>把鼠标悬停在热图上以检查一个查询行。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Head %1&lt;/b&gt; · query &lt;b&gt;%2&lt;/b&gt; (row %3)&lt;br&gt;&lt;small&gt;each key's scaled score, the same after the mask, and its softmax weight&lt;/small&gt;</source>
        <translation>&lt;b&gt;头 %1&lt;/b&gt; · 查询 &lt;b&gt;%2&lt;/b&gt;（第 %3 行）&lt;br&gt;&lt;small&gt;每个键的缩放后分数、掩码后的分数，以及它的 softmax 权重&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Row sum Σ = %1</source>
        <translation>行和 Σ = %1</translation>
    </message>
    <message>
        <source> — every key is blocked: with −∞ fill the row is all zero</source>
        <translation>——所有键都被屏蔽：使用 −∞ 填充时这一行全为零</translation>
    </message>
    <message>
        <source> — every key is blocked: −1e9 fill makes the row uniform</source>
        <translation>——所有键都被屏蔽：−1e9 填充使这一行变为均匀分布</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::TeachingCompare</name>
    <message>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Bug (a) gives on average &lt;b&gt;%1%&lt;/b&gt; of each row's attention to keys the mask should hide (the future, under a causal mask). Bug (b) moves &lt;b&gt;%2%&lt;/b&gt; of each row's attention to other keys, because the scores become Q Qᵀ (symmetric).</source>
        <translation>错误 (a) 平均把每行 &lt;b&gt;%1%&lt;/b&gt; 的注意力给了本应被掩码隐藏的键（在因果掩码下就是未来的词）。错误 (b) 把每行 &lt;b&gt;%2%&lt;/b&gt; 的注意力转移到了其他键上，因为分数变成了 Q Qᵀ（对称）。</translation>
    </message>
    <message>
        <source>(a) mask discarded</source>
        <translation>(a) 掩码结果被丢弃</translation>
    </message>
    <message>
        <source>(b) K, V = q_proj</source>
        <translation>(b) K、V = q_proj</translation>
    </message>
</context>
<context>
    <name>attnviz::ui::TeachingPage</name>
    <message>
        <source>Learned (seeded weights)</source>
        <translation>学习得到（种子权重）</translation>
    </message>
    <message>
        <source>Previous token</source>
        <translation>前一个词</translation>
    </message>
    <message>
        <source>Self (diagonal)</source>
        <translation>自身（对角线）</translation>
    </message>
    <message>
        <source>First token (sink)</source>
        <translation>第一个词（注意力汇聚）</translation>
    </message>
    <message>
        <source>Same token</source>
        <translation>相同的词</translation>
    </message>
    <message>
        <source>The head uses the seeded random weights: no particular pattern.</source>
        <translation>这个头使用带种子的随机权重：没有特定的模式。</translation>
    </message>
    <message>
        <source>Keys carry the positional code PE(j). The query is the code of its own position rotated back by one step in every sine/cosine pair — which is exactly PE(i − 1). The dot product peaks where the codes agree: at the previous token.</source>
        <translation>键携带位置编码 PE(j)。查询是把自身位置的编码在每一对正弦/余弦中向回旋转一步——这恰好就是 PE(i − 1)。点积在两个编码一致处最大：也就是前一个词。</translation>
    </message>
    <message>
        <source>Query and key both carry the positional code PE(i). Two codes agree best with themselves, so every token attends to itself: the diagonal.</source>
        <translation>查询和键都携带位置编码 PE(i)。一个编码与自身最一致，所以每个词都关注它自己：对角线。</translation>
    </message>
    <message>
        <source>The query comes from the bias alone, so every position asks the same question: “where is position 0?”. All rows look at the first token — an attention sink.</source>
        <translation>查询只来自偏置，所以每个位置都问同一个问题：“位置 0 在哪里？”。所有行都看向第一个词——注意力汇聚点。</translation>
    </message>
    <message>
        <source>Query and key carry the token's identity, read from its embedding, and ignore position. Each token attends to every copy of itself, wherever it is.</source>
        <translation>查询和键携带从词嵌入中读出的词身份，并忽略位置。每个词都关注它自己的所有副本，无论在哪里。</translation>
    </message>
    <message>
        <source>Scaling and temperature</source>
        <translation>缩放与温度</translation>
    </message>
    <message>
        <source>Divide the scores by √d_k</source>
        <translation>分数除以 √d_k</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>A dot product of two d_k-long vectors grows like √d_k. Without the division the scores are large, softmax saturates and each row puts almost all weight on one key (sharp). A temperature T divides once more: T &amp;lt; 1 sharpens, T &amp;gt; 1 flattens towards uniform.</source>
        <translation>两个长度为 d_k 的向量的点积按 √d_k 增长。不做除法时分数很大，softmax 饱和，每一行几乎把全部权重放在一个键上（尖锐）。温度 T 再除一次：T &amp;lt; 1 更尖锐，T &amp;gt; 1 更平坦、趋于均匀。</translation>
    </message>
    <message>
        <source>Fill of blocked scores</source>
        <translation>被屏蔽分数的填充值</translation>
    </message>
    <message>
        <source>−1e9 (as in the reference post)</source>
        <translation>−1e9（与参考文章相同）</translation>
    </message>
    <message>
        <source>−∞</source>
        <translation>−∞</translation>
    </message>
    <message>
        <source>Block every key of the first query row</source>
        <translation>屏蔽第一个查询行的所有键</translation>
    </message>
    <message>
        <source>The two fills agree while a row has at least one visible key. They differ when every key of a row is blocked: with −1e9 all scores are equal, so softmax spreads the row &lt;i&gt;uniformly&lt;/i&gt; over all keys — including the blocked ones. With −∞ there is nothing to normalise; the row is defined as all zero.</source>
        <translation>只要一行中至少有一个可见的键，两种填充的结果就相同。当一行的所有键都被屏蔽时它们不同：使用 −1e9 时所有分数相等，softmax 把这一行&lt;i&gt;均匀&lt;/i&gt;分给所有键——包括被屏蔽的键。使用 −∞ 时没有可归一化的内容；这一行定义为全零。</translation>
    </message>
    <message>
        <source>Designed heads</source>
        <translation>手工设计的头</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>The reference post's bugs</source>
        <translation>参考文章中的错误</translation>
    </message>
    <message>
        <source>&lt;b&gt;(a)&lt;/b&gt; &lt;tt&gt;scores.masked_fill(mask == 0, -1e9)&lt;/tt&gt; returns a masked copy that is thrown away: the mask has no effect, every query sees the future. &lt;b&gt;(b)&lt;/b&gt; &lt;tt&gt;K = q_proj(k)&lt;/tt&gt;, &lt;tt&gt;V = q_proj(v)&lt;/tt&gt;: keys and values reuse the query projection, so scores are Q Qᵀ and k_proj / v_proj are never trained.</source>
        <translation>&lt;b&gt;(a)&lt;/b&gt; &lt;tt&gt;scores.masked_fill(mask == 0, -1e9)&lt;/tt&gt; 返回一个被丢弃的掩码副本：掩码完全不起作用，每个查询都能看到未来。&lt;b&gt;(b)&lt;/b&gt; &lt;tt&gt;K = q_proj(k)&lt;/tt&gt;、&lt;tt&gt;V = q_proj(v)&lt;/tt&gt;：键和值复用了查询投影，所以分数是 Q Qᵀ，而 k_proj / v_proj 从未被训练。</translation>
    </message>
    <message>
        <source>T = %1</source>
        <translation>T = %1</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>Head %1 now: the largest weight of a row is %2 on average; average entropy %3 bits (0 = all on one key).</source>
        <translation>头 %1 当前：每行最大权重平均为 %2；平均熵 %3 比特（0 = 全部集中在一个键上）。</translation>
    </message>
    <message>
        <source>First row “%1” is fully masked: its weights sum to %2 (%3).</source>
        <translation>第一行“%1”被完全屏蔽：它的权重之和为 %2（%3）。</translation>
    </message>
    <message>
        <source>all zero</source>
        <translation>全为零</translation>
    </message>
    <message>
        <source>uniform, %1 each</source>
        <translation>均匀分布，每个 %1</translation>
    </message>
    <message>
        <source>The first query row still sees a key: both fills give the same weights.</source>
        <translation>第一个查询行仍能看到至少一个键：两种填充得到相同的权重。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>User interface language: zh_CN or en (default: the system's).</source>
        <translation>界面语言：zh_CN 或 en（默认跟随系统）。</translation>
    </message>
    <message>
        <source>Theme: light or dark.</source>
        <translation>主题：light（浅色）或 dark（深色）。</translation>
    </message>
    <message>
        <source>Start in presentation mode (full screen).</source>
        <translation>以演示模式（全屏）启动。</translation>
    </message>
    <message>
        <source>Start on the pipeline view.</source>
        <translation>启动时显示计算流程视图。</translation>
    </message>
    <message>
        <source>Start on the teaching toggles.</source>
        <translation>启动时显示教学开关。</translation>
    </message>
    <message>
        <source>Pipeline step mode, revealed up to step N (1-9).</source>
        <translation>计算流程分步模式，展示到第 N 步（1-9）。</translation>
    </message>
    <message>
        <source>Open a lesson: a file, or the number of a shipped lesson (1-based).</source>
        <translation>打开课程：一个文件，或内置课程的编号（从 1 开始）。</translation>
    </message>
    <message>
        <source>Go to step N of the lesson (1-based).</source>
        <translation>跳到课程的第 N 步（从 1 开始）。</translation>
    </message>
    <message>
        <source>Render the main window to a PNG file and quit.</source>
        <translation>把主窗口渲染为 PNG 文件后退出。</translation>
    </message>
    <message>
        <source>Open a session file.</source>
        <translation>打开会话文件。</translation>
    </message>
    <message>
        <source>Start with this text.</source>
        <translation>以这段文本启动。</translation>
    </message>
    <message>
        <source>Number of heads.</source>
        <translation>头数。</translation>
    </message>
    <message>
        <source>Start in the focus view of head N (1-based).</source>
        <translation>启动时放大第 N 个头（从 1 开始）。</translation>
    </message>
    <message>
        <source>A session (.json) or attention tensor (.npy) to open.</source>
        <translation>要打开的会话（.json）或注意力张量（.npy）。</translation>
    </message>
    <message>
        <source>Multi-head attention, every stage visible.</source>
        <translation>多头注意力，每个阶段都可见。</translation>
    </message>
</context>
</TS>