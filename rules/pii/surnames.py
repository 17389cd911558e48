"""Chinese surnames for the name and bed recognizers.

The common single-character surnames (about the 300 most frequent, from the 2020 census
rankings as commonly reproduced; personal-data.md §2 warns that jionlp's list lacks 黄 周 孙 马
胡 高 林 谢 唐 曾 肖, all present here) minus characters that are far more often function words
in chat (和 于 但 由 都 来 时 那 …), plus the compound surnames still in use.
"""

from __future__ import annotations

SINGLE = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺"
    "顾毛郝龚邵万钱严覃武戴莫孔汤常温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲"
    "房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟"
    "应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁"
    "胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚权帅屠朴盖练廉禹井祖漆巴丰卿狄计索宣晋"
    "初云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危银亢嵇湛宾戎勾"
    "茅揭冶檀衣展阴昝幸奉植衡富尧闭"
)
COMPOUND = frozenset(
    ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
     "司徒", "夏侯", "轩辕", "令狐", "钟离", "澹台", "南宫", "西门", "端木", "呼延", "独孤")
)


# Characters that are next to never part of a given name but make up the symptoms, body
# parts, drugs, herbs and treatments of a consultation. jieba tags many such words as
# person names (冷汗, 苏醒, 宫缩, 艾滋, 葛根, 甘露醇, 蒲公英), so after a weaker cue a candidate
# whose given name holds one of these is an ordinary word (患者冷汗, 宝宝苏醒了).
NOT_GIVEN = frozenset(
    "汗醒缩块氧丙滋胆根醇脱拉枝感缺拿怒痛疼痒肿烧咳嗽吐泻炎癌瘤病症药片针剂酶酸碱胺唑啶钠钾钙锌"
    "酮苷灸敷汤丸膏液霉菌毒虫疮疹癣疤尿便屎屁肝肺胃肠肾脾脑骨筋肤罩眼耳鼻喉牙舌脚腿腰背颈晕梗塞"
    "栓压糖脂检查测验疗术诊护床复缓急慢性状态量度率毫粒袋瓶盒次周岁号法曲黄丁公口吃喝睡"
    "醉饿渴累困热冷凉温湿干哭闹叫喊跑走坐躺站摔伤残死亡孕胎产奶乳精卵宫颈草酐蛋血氨室迁"
)


def surname_length(text: str, start: int) -> int:
    """Length of the surname at `text[start:]`: 2 for a compound, 1 for a single, else 0."""
    if text[start:start + 2] in COMPOUND:
        return 2
    return 1 if text[start:start + 1] in SINGLE else 0


def char_class() -> str:
    """A regex character class of every first character of a surname."""
    return "[" + "".join(sorted(SINGLE | {c[0] for c in COMPOUND})) + "]"
