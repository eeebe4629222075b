<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>ApiKeyDialog</name>
    <message>
        <source>YouTube API key</source>
        <translation>YouTube API キー</translation>
    </message>
    <message>
        <source>&amp;API key:</source>
        <translation>API キー(&amp;A):</translation>
    </message>
    <message>
        <source>Paste the key here</source>
        <translation>ここにキーを貼り付け</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>&lt;p&gt;LiveChat Desktop reads the chat through the YouTube Data API v3, which needs an API key. To create one:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Open the &lt;a href=&quot;https://console.cloud.google.com/&quot;&gt;Google Cloud console&lt;/a&gt; and create a project.&lt;/li&gt;&lt;li&gt;Open &lt;b&gt;APIs &amp;amp; Services &amp;gt; Library&lt;/b&gt;, find &lt;b&gt;YouTube Data API v3&lt;/b&gt; and click &lt;b&gt;Enable&lt;/b&gt;.&lt;/li&gt;&lt;li&gt;Open &lt;b&gt;APIs &amp;amp; Services &amp;gt; Credentials&lt;/b&gt;, click &lt;b&gt;Create credentials &amp;gt; API key&lt;/b&gt; and copy the key.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;The default quota is 10,000 units a day, and each chat request costs 5 units. At one request every 5 seconds, that lasts about 2.8 hours a day.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Save key&lt;/b&gt; keeps the key in the system keyring, so the app does not ask again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;LiveChat Desktop は YouTube Data API v3 を通じてチャットを読み込むため、API キーが必要です。作成するには:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;a href=&quot;https://console.cloud.google.com/&quot;&gt;Google Cloud コンソール&lt;/a&gt;を開き、プロジェクトを作成します。&lt;/li&gt;&lt;li&gt;&lt;b&gt;API とサービス &amp;gt; ライブラリ&lt;/b&gt;を開き、&lt;b&gt;YouTube Data API v3&lt;/b&gt; を探して&lt;b&gt;有効にする&lt;/b&gt;をクリックします。&lt;/li&gt;&lt;li&gt;&lt;b&gt;API とサービス &amp;gt; 認証情報&lt;/b&gt;を開き、&lt;b&gt;認証情報を作成 &amp;gt; API キー&lt;/b&gt;をクリックして、キーをコピーします。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;既定のクォータは 1 日 10,000 ユニットで、チャットのリクエスト 1 回につき 5 ユニットを使います。5 秒に 1 回のリクエストなら、1 日に約 2.8 時間もちます。&lt;/p&gt;&lt;p&gt;&lt;b&gt;キーを保存&lt;/b&gt;を押すと、キーはシステムのキーリングに保存され、次回から入力を求められません。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>キーを保存</translation>
    </message>
    <message>
        <source>Use for this session only</source>
        <translation>今回のみ使用</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>デモを試す</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隠す</translation>
    </message>
    <message>
        <source>Enter an API key, or click Try the demo.</source>
        <translation>API キーを入力するか、「デモを試す」をクリックしてください。</translation>
    </message>
    <message>
        <source>The key contains a space or line break. Copy only the key itself.</source>
        <translation>キーに空白か改行が含まれています。キーだけをコピーしてください。</translation>
    </message>
    <message>
        <source>The key is too short. API keys have at least {count} characters, so copy the whole key.</source>
        <translation>キーが短すぎます。API キーは {count} 文字以上あるので、キー全体をコピーしてください。</translation>
    </message>
    <message>
        <source>YouTube Data API keys are usually 39 characters long and start with &quot;AIza&quot;. Check that you copied the whole key. You can still save it.</source>
        <translation>YouTube Data API のキーは通常 39 文字で、「AIza」で始まります。キー全体をコピーしたか確認してください。このまま保存することもできます。</translation>
    </message>
    <message>
        <source>No system keyring is available, so the key was not saved. Install and unlock GNOME Keyring or KWallet and try again, or click &quot;Use for this session only&quot;.</source>
        <translation>システムのキーリングが使えないため、キーを保存できませんでした。GNOME Keyring か KWallet をインストールしてロックを解除してから再度試すか、「今回のみ使用」をクリックしてください。</translation>
    </message>
    <message>
        <source>The system keyring is locked, so the key was not saved. Unlock it and try again, or click &quot;Use for this session only&quot;.</source>
        <translation>システムのキーリングがロックされているため、キーを保存できませんでした。ロックを解除して再度試すか、「今回のみ使用」をクリックしてください。</translation>
    </message>
    <message>
        <source>The system keyring failed, so the key was not saved ({detail}). Try again, or click &quot;Use for this session only&quot;.</source>
        <translation>システムのキーリングでエラーが発生したため、キーを保存できませんでした（{detail}）。再度試すか、「今回のみ使用」をクリックしてください。</translation>
    </message>
</context>
<context>
    <name>ChatTrayIcon</name>
    <message>
        <source>Show or hide</source>
        <translation>表示/非表示</translation>
    </message>
    <message>
        <source>Connect to another stream…</source>
        <translation>別の配信に接続…</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>1 new message</source>
        <translation>新着メッセージ 1 件</translation>
    </message>
    <message>
        <source>%1 new messages</source>
        <translation>新着メッセージ %1 件</translation>
    </message>
</context>
<context>
    <name>ChatWindow</name>
    <message>
        <source>Paste a YouTube link or video id</source>
        <translation>YouTube のリンクか動画 ID を貼り付け</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Drag to move the window</source>
        <translation>ドラッグしてウィンドウを移動</translation>
    </message>
    <message>
        <source>No API key: pass --api-key or set YOUTUBE_API_KEY, or start with --demo to try the app without one.</source>
        <translation>API キーがありません。--api-key で指定するか YOUTUBE_API_KEY を設定してください。キーなしで試すには --demo で起動します。</translation>
    </message>
    <message>
        <source>Paste a YouTube link, then press Connect.</source>
        <translation>YouTube のリンクを貼り付けて「接続」を押してください。</translation>
    </message>
    <message>
        <source>Cannot connect without an API key: pass --api-key or set YOUTUBE_API_KEY, then start the app again.</source>
        <translation>API キーがないため接続できません。--api-key で指定するか YOUTUBE_API_KEY を設定して、アプリを起動し直してください。</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>切断</translation>
    </message>
    <message>
        <source>Disconnected.</source>
        <translation>切断しました。</translation>
    </message>
    <message>
        <source>Paused: new messages wait until you resume.</source>
        <translation>一時停止中: 新しいメッセージは再開すると表示されます。</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>active</source>
        <translation>受付中</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Sticker: %1</source>
        <translation>ステッカー: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>upgraded membership</source>
        <translation>メンバーシップをアップグレードしました</translation>
    </message>
    <message>
        <source>became a member</source>
        <translation>メンバーになりました</translation>
    </message>
    <message>
        <source>member for 1 month</source>
        <translation>メンバー歴 1 か月</translation>
    </message>
    <message>
        <source>member for %1 months</source>
        <translation>メンバー歴 %1 か月</translation>
    </message>
    <message>
        <source>gifted 1 membership</source>
        <translation>メンバーシップを 1 件ギフトしました</translation>
    </message>
    <message>
        <source>gifted %1 memberships</source>
        <translation>メンバーシップを %1 件ギフトしました</translation>
    </message>
    <message>
        <source>received a gift membership</source>
        <translation>メンバーシップのギフトを受け取りました</translation>
    </message>
    <message>
        <source>Poll</source>
        <translation>アンケート</translation>
    </message>
    <message>
        <source>The live chat has ended</source>
        <translation>ライブチャットは終了しました</translation>
    </message>
    <message>
        <source>Members-only mode is on</source>
        <translation>メンバー限定モードがオンになりました</translation>
    </message>
    <message>
        <source>Members-only mode is off</source>
        <translation>メンバー限定モードがオフになりました</translation>
    </message>
    <message>
        <source>A user</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>%1 was timed out for %2</source>
        <translation>%1 は %2 のタイムアウトになりました</translation>
    </message>
    <message>
        <source>%1 was banned from the chat</source>
        <translation>%1 はチャットからブロックされました</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 時間</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 時間</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>This video has no active live chat: the stream has ended or it is not a live stream.</source>
        <translation>この動画には有効なライブチャットがありません。配信が終了したか、ライブ配信ではありません。</translation>
    </message>
    <message>
        <source>The stream has ended, so its live chat is closed.</source>
        <translation>配信が終了したため、ライブチャットは閉じられました。</translation>
    </message>
    <message>
        <source>The YouTube API sent a video list that could not be read.</source>
        <translation>YouTube API から読み取れない動画リストが返されました。</translation>
    </message>
    <message>
        <source>The YouTube API sent a chat page that could not be read.</source>
        <translation>YouTube API から読み取れないチャットページが返されました。</translation>
    </message>
    <message>
        <source>No video given: paste a YouTube link or a video id.</source>
        <translation>動画が指定されていません。YouTube のリンクか動画 ID を貼り付けてください。</translation>
    </message>
    <message>
        <source>“%1” is not a YouTube video link or an 11-character id.</source>
        <translation>「%1」は YouTube の動画リンクでも 11 文字の動画 ID でもありません。</translation>
    </message>
    <message>
        <source>Could not connect to the YouTube API, or the request timed out.</source>
        <translation>YouTube API に接続できないか、リクエストがタイムアウトしました。</translation>
    </message>
    <message>
        <source>The YouTube API sent a response that could not be read.</source>
        <translation>YouTube API から読み取れない応答が返されました。</translation>
    </message>
    <message>
        <source>The YouTube API failed (%1).</source>
        <translation>YouTube API でエラーが発生しました（%1）。</translation>
    </message>
    <message>
        <source>YouTube asked to slow down (HTTP %1).</source>
        <translation>YouTube からリクエストの頻度を下げるよう求められました（HTTP %1）。</translation>
    </message>
    <message>
        <source>YouTube rejected the page token.</source>
        <translation>YouTube がページトークンを受け付けませんでした。</translation>
    </message>
    <message>
        <source>YouTube does not know this live chat. Check the video link; the stream may have been deleted.</source>
        <translation>このライブチャットは YouTube に見つかりません。動画のリンクを確認してください。配信が削除された可能性があります。</translation>
    </message>
    <message>
        <source>The live chat is turned off for this stream.</source>
        <translation>この配信ではライブチャットがオフになっています。</translation>
    </message>
    <message>
        <source>This chat cannot be read with an API key: it may be members-only or the video may be private.</source>
        <translation>このチャットは API キーでは読み取れません。メンバー限定のチャットか、非公開の動画の可能性があります。</translation>
    </message>
    <message>
        <source>The API key is not valid. Copy it again from the Google Cloud console (APIs &amp; Services &gt; Credentials) and pass it with --api-key.</source>
        <translation>API キーが無効です。Google Cloud コンソール（API とサービス &gt; 認証情報）からもう一度コピーし、--api-key で指定してください。</translation>
    </message>
    <message>
        <source>The YouTube Data API v3 is not enabled for this key&apos;s project. Enable it in the Google Cloud console (APIs &amp; Services &gt; Library &gt; YouTube Data API v3), wait a few minutes, then connect again.</source>
        <translation>このキーのプロジェクトで YouTube Data API v3 が有効になっていません。Google Cloud コンソール（API とサービス &gt; ライブラリ &gt; YouTube Data API v3）で有効にし、数分待ってから接続し直してください。</translation>
    </message>
    <message>
        <source>YouTube has no video with this id. Check the link; the video may be private or deleted.</source>
        <translation>この ID の動画は YouTube にありません。リンクを確認してください。動画が非公開か削除された可能性があります。</translation>
    </message>
    <message>
        <source>The YouTube API rejected the request (%1).</source>
        <translation>YouTube API がリクエストを拒否しました（%1）。</translation>
    </message>
    <message>
        <source>The API key&apos;s daily quota is used up. It resets at midnight Pacific time (%1 your time); until then, use another key.</source>
        <translation>API キーの 1 日のクォータを使い切りました。太平洋時間の午前 0 時（現地時刻 %1）にリセットされます。それまでは別のキーを使ってください。</translation>
    </message>
    <message>
        <source>HTTP %1, reason %2</source>
        <translation>HTTP %1、理由 %2</translation>
    </message>
    <message>
        <source>HTTP %1, a body that is not an API error</source>
        <translation>HTTP %1、API のエラーではない応答</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>LiveChat Desktop settings</source>
        <translation>LiveChat Desktop の設定</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外観</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>動作</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>Translucent</source>
        <translation>半透明</translation>
    </message>
    <message>
        <source>Solid colour</source>
        <translation>単色</translation>
    </message>
    <message>
        <source>Chroma key (for OBS)</source>
        <translation>クロマキー（OBS 用）</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Background colour</source>
        <translation>背景色</translation>
    </message>
    <message>
        <source>Chroma key colour</source>
        <translation>クロマキーの色</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>縁取り</translation>
    </message>
    <message>
        <source>Shadow</source>
        <translation>影</translation>
    </message>
    <message>
        <source>Text effect</source>
        <translation>文字の効果</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>フォント</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>フォントサイズ</translation>
    </message>
    <message>
        <source>Comfortable</source>
        <translation>ゆったり</translation>
    </message>
    <message>
        <source>Compact</source>
        <translation>コンパクト</translation>
    </message>
    <message>
        <source>Density</source>
        <translation>表示密度</translation>
    </message>
    <message>
        <source>Avatars</source>
        <translation>アバター</translation>
    </message>
    <message>
        <source>Badges</source>
        <translation>バッジ</translation>
    </message>
    <message>
        <source>Timestamps</source>
        <translation>タイムスタンプ</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>しない</translation>
    </message>
    <message>
        <source>Fade messages after</source>
        <translation>メッセージを消すまでの時間</translation>
    </message>
    <message>
        <source>Messages kept</source>
        <translation>保持するメッセージ数</translation>
    </message>
    <message>
        <source>Click-through (mouse input goes to the window below)</source>
        <translation>クリックスルー（マウス操作を下のウィンドウに渡す）</translation>
    </message>
    <message>
        <source>Lock position and size</source>
        <translation>位置とサイズを固定</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation>言語（再起動後に反映）</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>Quota saver: poll at most every</source>
        <translation>クォータ節約: 取得間隔の最小値</translation>
    </message>
    <message>
        <source>Each chat request costs 5 of the 10,000 daily quota units. At 10 s a day&apos;s quota lasts about 5.5 hours. Applies on the next connect.</source>
        <translation>チャットのリクエスト 1 回で、1 日 10,000 ユニットのクォータのうち 5 ユニットを使います。10 秒間隔なら 1 日のクォータで約 5.5 時間もちます。次回の接続から適用されます。</translation>
    </message>
    <message>
        <source>Hide messages with these words</source>
        <translation>次の語を含むメッセージを隠す</translation>
    </message>
    <message>
        <source>Hide messages matching (regular expressions)</source>
        <translation>次に一致するメッセージを隠す（正規表現）</translation>
    </message>
    <message>
        <source>Blocked users (display names)</source>
        <translation>ブロックするユーザー（表示名）</translation>
    </message>
    <message>
        <source>Blocked users (channel ids)</source>
        <translation>ブロックするユーザー（チャンネル ID）</translation>
    </message>
    <message>
        <source>Highlight these words</source>
        <translation>次の語を強調</translation>
    </message>
    <message>
        <source>One per line</source>
        <translation>1 行に 1 つ</translation>
    </message>
    <message>
        <source>Your channel name</source>
        <translation>あなたのチャンネル名</translation>
    </message>
    <message>
        <source>Highlight mentions of</source>
        <translation>メンションを強調する名前</translation>
    </message>
    <message>
        <source>Hide !commands</source>
        <translation>!コマンドを隠す</translation>
    </message>
    <message>
        <source>Show only Super Chats and memberships</source>
        <translation>スーパーチャットとメンバーシップのみ表示</translation>
    </message>
</context>
<context>
    <name>ShortcutHelpDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>In click-through mode the window takes no input: use the tray icon&apos;s menu, or double-click the tray icon, to turn it off.</source>
        <translation>クリックスルー中のウィンドウは入力を受け付けません。解除するには、トレイアイコンのメニューを使うか、トレイアイコンをダブルクリックしてください。</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Toggle click-through</source>
        <translation>クリックスルーの切り替え</translation>
    </message>
    <message>
        <source>Background more opaque</source>
        <translation>背景を濃くする</translation>
    </message>
    <message>
        <source>Background more transparent</source>
        <translation>背景を薄くする</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>文字を大きく</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>文字を小さく</translation>
    </message>
    <message>
        <source>Clear the chat</source>
        <translation>チャットを消去</translation>
    </message>
    <message>
        <source>Pause or resume the chat</source>
        <translation>チャットの一時停止・再開</translation>
    </message>
    <message>
        <source>Lock or unlock position and size</source>
        <translation>位置とサイズの固定・解除</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Show the shortcuts</source>
        <translation>ショートカット一覧</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <source>Connecting…</source>
        <translation>接続中…</translation>
    </message>
    <message>
        <source>Live · every %1 s · %2 messages · %3</source>
        <translation>ライブ · %1 秒ごと · %2 件 · %3</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s (attempt %2): %3</source>
        <translation>%1 秒後に再接続（%2 回目）: %3</translation>
    </message>
    <message>
        <source>Disconnected.</source>
        <translation>切断しました。</translation>
    </message>
    <message>
        <source>Waiting for the stream to start.</source>
        <translation>配信の開始を待っています。</translation>
    </message>
    <message>
        <source>Waiting for the stream to start (scheduled %1).</source>
        <translation>配信の開始を待っています（%1 開始予定）。</translation>
    </message>
    <message>
        <source>%1 quota units</source>
        <translation>クォータ %1 ユニット</translation>
    </message>
    <message>
        <source>quota %1/%2 today, lasts %3</source>
        <translation>本日のクォータ %1/%2、あと %3</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
</context>
</TS>
